package org.ecifhub.customermaster.domain;

public enum PartyType {
    PERSON,
    ORGANIZATION
}
