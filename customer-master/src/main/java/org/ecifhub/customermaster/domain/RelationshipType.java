package org.ecifhub.customermaster.domain;

/** Kinds of relationship (关联关系) between two parties. */
public enum RelationshipType {
    /** 法定代表人: from the organisation to the person; known from the feeds. */
    LEGAL_REPRESENTATIVE,
    FAMILY,
    GUARANTOR,
    SUPPLIER,
    CUSTOMER,
    SHAREHOLDER;

    /** Staff may record every kind but the legal representative, which the organisation's own record states. */
    public boolean staffMayAdd() {
        return this != LEGAL_REPRESENTATIVE;
    }
}
