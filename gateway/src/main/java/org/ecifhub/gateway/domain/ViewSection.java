package org.ecifhub.gateway.domain;

/**
 * The parts of the unified view that come from one upstream answer each, and the events that announce a change to
 * them (the view's cache drops a customer's sections when one arrives):
 * <ul>
 *   <li>{@link #CUSTOMER}, {@link #RELATIONSHIPS}: customer-master; every event on {@code ecif.customer.v1}.</li>
 *   <li>{@link #SCORE}: contribution-scoring; {@code TierChanged}, and the customer events scoring scores from.</li>
 *   <li>{@link #OWNERS}: manager-assignment; {@code OwnershipChanged}/{@code OwnershipEnded}, and the customer and
 *       tier events assignment copies branch and tier from.</li>
 *   <li>{@link #VISITS}: manager-assignment; {@code VisitReported} on {@code ecif.ownership.v1}.</li>
 * </ul>
 */
public enum ViewSection {
    CUSTOMER, RELATIONSHIPS, SCORE, OWNERS, VISITS
}
