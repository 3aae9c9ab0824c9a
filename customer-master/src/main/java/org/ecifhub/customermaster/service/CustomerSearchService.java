package org.ecifhub.customermaster.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ecifhub.customermaster.domain.standard.PersonNames;
import org.ecifhub.customermaster.domain.standard.Phones;
import org.ecifhub.customermaster.domain.standard.ResidentIds;
import org.ecifhub.customermaster.domain.standard.Usccs;
import org.ecifhub.customermaster.persistence.GoldenRecordSearch;

import java.util.List;

/** Finds customers the way staff type them: an id in any accepted form, a phone with +86 or dashes, a name. */
@ApplicationScoped
public class CustomerSearchService {

    public record Query(String idNumber, String phone, String name, boolean fuzzy, String branchCode,
                        String qualityFlag) {
    }

    public record DataQualityReport(List<GoldenRecordSearch.BranchQuality> branches,
                                    List<GoldenRecordSearch.QualityCount> flags) {
    }

    private final GoldenRecordSearch search;

    public CustomerSearchService(GoldenRecordSearch search) {
        this.search = search;
    }

    @Transactional
    public GoldenRecordSearch.Page search(Query q, int page, int size) {
        return search.search(new GoldenRecordSearch.Criteria(standardId(q.idNumber()), standardPhone(q.phone()),
                blankToNull(q.name()) == null ? null : PersonNames.standardise(q.name()), q.fuzzy(),
                blankToNull(q.branchCode()), blankToNull(q.qualityFlag())), page, size);
    }

    @Transactional
    public DataQualityReport dataQuality(String branchCode) {
        String branch = blankToNull(branchCode);
        return new DataQualityReport(search.summaryByBranch(branch), search.qualityByBranch(branch));
    }

    /**
     * The stored form of an id typed in any accepted form: a 15-digit resident id becomes its 18-digit form,
     * full-width digits and a lower-case x are normalised; a USCC is upper-cased. An id that passes neither check
     * is looked up as cleaned, since invalid ids are stored as given.
     */
    static String standardId(String raw) {
        if (blankToNull(raw) == null) {
            return null;
        }
        var resident = ResidentIds.standardise(raw);
        if (resident.valid()) {
            return resident.standard();
        }
        var uscc = Usccs.standardise(raw);
        if (uscc.valid()) {
            return uscc.standard();
        }
        return resident.standard() != null ? resident.standard() : raw.strip();
    }

    static String standardPhone(String raw) {
        if (blankToNull(raw) == null) {
            return null;
        }
        var phone = Phones.standardise(raw);
        return phone.standard() != null ? phone.standard() : raw.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
