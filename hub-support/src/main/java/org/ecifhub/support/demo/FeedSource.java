package org.ecifhub.support.demo;

/** The source systems whose feeds the generator writes, with the shape of their customer numbers. */
public enum FeedSource {
    /** Core deposits (存款系统): every party has a customer number here. */
    DEPOSIT("CB", 9),
    /** Loans (信贷系统). */
    LOAN("LN", 8),
    /** E-banking (电子银行): mobile and internet banking users. */
    EBANK("EB", 8);

    private final String idPrefix;
    private final int idDigits;

    FeedSource(String idPrefix, int idDigits) {
        this.idPrefix = idPrefix;
        this.idDigits = idDigits;
    }

    /** This system's customer number for a sequence number, e.g. {@code CB000123456}. */
    String customerId(long sequence) {
        String digits = Long.toString(sequence);
        if (digits.length() > idDigits) {
            throw new IllegalStateException(name() + " customer numbers exhausted at " + sequence);
        }
        return idPrefix + "0".repeat(idDigits - digits.length()) + digits;
    }

    /** The file name of this feed in a directory written by {@link FeedGenerator#writeTo}. */
    public String fileName() {
        return name().toLowerCase(java.util.Locale.ROOT) + ".ndjson";
    }
}
