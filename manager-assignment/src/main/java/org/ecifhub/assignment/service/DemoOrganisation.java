package org.ecifhub.assignment.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.ecifhub.assignment.config.AssignmentConfig;
import org.ecifhub.assignment.domain.StaffCsv;
import org.ecifhub.assignment.persistence.BranchEntity;
import org.ecifhub.assignment.persistence.BranchRepository;
import org.ecifhub.assignment.persistence.StaffRepository;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The demo organisation for {@code ./hub up} ({@code ecif.assignment.demo-organisation=true}): branches with names
 * and neighbours, managers of every grade and tellers. Creates only what is missing, so edits survive a restart.
 */
@ApplicationScoped
public class DemoOrganisation {

    private static final Logger LOG = Logger.getLogger(DemoOrganisation.class);

    public record Loaded(int staffCreated, int branchesNamed) {
    }

    private final AssignmentConfig config;
    private final OrganisationService organisation;
    private final StaffRepository staff;
    private final BranchRepository branches;

    public DemoOrganisation(AssignmentConfig config, OrganisationService organisation, StaffRepository staff,
                            BranchRepository branches) {
        this.config = config;
        this.organisation = organisation;
        this.staff = staff;
        this.branches = branches;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.demoOrganisation()) {
            Loaded loaded = load();
            LOG.infof("Demo organisation: %d staff created, %d branches named", loaded.staffCreated(),
                    loaded.branchesNamed());
        }
    }

    @Transactional
    public Loaded load() {
        int created = 0;
        StaffCsv.Result parsed = StaffCsv.parse(resource("demo/staff.csv"));
        if (!parsed.errors().isEmpty()) {
            throw new IllegalStateException("demo/staff.csv: " + parsed.errors());
        }
        for (StaffCsv.Row r : parsed.rows()) {
            if (staff.findById(r.staffId()) == null) {
                organisation.create(new OrganisationService.StaffData(r.staffId(), r.name(), r.branchCode(), r.role(),
                        r.grade(), r.capacity(), r.status()));
                created++;
            }
        }
        int named = 0;
        List<String> lines = resource("demo/branches.csv").lines().skip(1).filter(l -> !l.isBlank()).toList();
        for (String line : lines) {
            List<String> v = StaffCsv.split(line);
            BranchEntity b = branches.findById(v.get(0));
            if (b == null || b.name == null) {
                organisation.updateBranch(v.get(0), v.get(1),
                        Arrays.stream(v.get(2).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
                named++;
            }
        }
        return new Loaded(created, named);
    }

    private static String resource(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
