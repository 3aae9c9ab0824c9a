package org.ecifhub.gateway.domain;

/** The services behind the gateway. */
public enum Service {
    CUSTOMER_MASTER,
    CONTRIBUTION_SCORING,
    MANAGER_ASSIGNMENT
}
