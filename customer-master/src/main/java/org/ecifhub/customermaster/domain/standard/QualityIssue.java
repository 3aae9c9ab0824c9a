package org.ecifhub.customermaster.domain.standard;

import java.util.Objects;

/**
 * One data-quality finding: which attribute, which flag, and a detail saying what exactly was found.
 *
 * @param attribute the attribute name as in {@code PartyAttributes}: one of the constants below
 * @param detail what was found, for people; may quote the offending value
 */
public record QualityIssue(String attribute, QualityFlag flag, String detail) {

    public static final String NAME = "name";
    public static final String ID_NUMBER = "idNumber";
    public static final String BIRTH_DATE = "birthDate";
    public static final String GENDER = "gender";
    public static final String PHONE = "phone";
    public static final String ADDRESS = "address";

    public QualityIssue {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(flag, "flag");
        detail = detail == null ? flag.description() : detail;
    }

    /** An issue whose detail is the flag's own description. */
    public static QualityIssue of(String attribute, QualityFlag flag) {
        return new QualityIssue(attribute, flag, flag.description());
    }

    public boolean invalidates() {
        return flag.invalidates();
    }

    /** The same finding about another attribute, e.g. a legal representative's id number. */
    public QualityIssue withAttribute(String otherAttribute) {
        return new QualityIssue(otherAttribute, flag, detail);
    }
}
