package org.ecifhub.customermaster.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a feed record must satisfy before it may touch a golden record. Type errors are caught earlier, when the
 * JSON is read; these are the rules about presence and size.
 */
public final class FeedRecordRules {

    static final int MAX_ID_LENGTH = 64;
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_TEXT_LENGTH = 500;

    private FeedRecordRules() {
    }

    /**
     * @param pathSource the source named in the request path; the record's own source must agree with it
     * @param knownSources the source systems this hub accepts
     */
    public static List<FieldError> check(FeedRecord record, String pathSource, Set<String> knownSources) {
        List<FieldError> errors = new ArrayList<>();
        if (isBlank(record.source())) {
            errors.add(new FieldError("source", "is required"));
        } else if (!record.source().equals(pathSource)) {
            errors.add(new FieldError("source", "is '" + record.source() + "' but the records were posted to source '"
                    + pathSource + "'"));
        } else if (!knownSources.contains(record.source())) {
            errors.add(new FieldError("source", "unknown source system; known: " + knownSources));
        }
        requireText(errors, "sourceCustomerId", record.sourceCustomerId(), MAX_ID_LENGTH);
        optionalText(errors, "branchCode", record.branchCode(), MAX_ID_LENGTH);
        PartyData party = record.party();
        if (party == null) {
            errors.add(new FieldError("party", "is required"));
        } else {
            if (party.type() == null) {
                errors.add(new FieldError("party.type", "is required (PERSON or ORGANIZATION)"));
            }
            requireText(errors, "party.name", party.name(), MAX_NAME_LENGTH);
            optionalText(errors, "party.idType", party.idType(), MAX_ID_LENGTH);
            optionalText(errors, "party.idNumber", party.idNumber(), MAX_ID_LENGTH);
            optionalText(errors, "party.gender", party.gender(), 16);
            optionalText(errors, "party.phone", party.phone(), MAX_ID_LENGTH);
            optionalText(errors, "party.address", party.address(), MAX_TEXT_LENGTH);
            optionalText(errors, "party.occupation", party.occupation(), MAX_NAME_LENGTH);
            if (party.legalRepresentative() != null) {
                optionalText(errors, "party.legalRepresentative.name", party.legalRepresentative().name(), MAX_NAME_LENGTH);
                optionalText(errors, "party.legalRepresentative.idNumber", party.legalRepresentative().idNumber(), MAX_ID_LENGTH);
            }
        }
        for (int i = 0; i < record.accounts().size(); i++) {
            AccountData account = record.accounts().get(i);
            String at = "accounts[" + i + "]";
            if (account == null) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            requireText(errors, at + ".accountId", account.accountId(), MAX_ID_LENGTH);
            if (account.productType() == null) {
                errors.add(new FieldError(at + ".productType", "is required"));
            }
            optionalText(errors, at + ".currency", account.currency(), 3);
            if (account.daysPastDue() != null && account.daysPastDue() < 0) {
                errors.add(new FieldError(at + ".daysPastDue", "must not be negative"));
            }
        }
        return errors;
    }

    private static void requireText(List<FieldError> errors, String field, String value, int max) {
        if (isBlank(value)) {
            errors.add(new FieldError(field, "is required"));
        } else {
            optionalText(errors, field, value, max);
        }
    }

    private static void optionalText(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, "is longer than " + max + " characters"));
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
