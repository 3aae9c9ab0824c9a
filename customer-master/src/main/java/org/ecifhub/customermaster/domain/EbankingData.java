package org.ecifhub.customermaster.domain;

/** The customer's e-banking status as the e-banking system reports it. */
public record EbankingData(Boolean mobileBanking, Integer loginsLast30d, Integer transactionsLast30d) {
}
