package org.ecifhub.support.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;

/**
 * What one source system holds about a party under one customer number, before the noise of data entry.
 *
 * @param branchCode null when the system knows no branch
 * @param accounts null when the system holds no accounts (e-banking)
 * @param customerSince when the customer number was created; null where unknown. Decides whether a deposit
 *     record is old enough to still carry a 15-digit first-generation id.
 * @param ebanking null except for e-banking
 * @param secondary whether the party's details were typed in again (any record but the primary deposit one),
 *     which is where name typos creep in
 */
record SourceView(
        FeedSource source,
        String sourceCustomerId,
        String branchCode,
        ArrayNode accounts,
        LocalDate customerSince,
        ObjectNode ebanking,
        Detail detail,
        boolean secondary) {

    /** How much of the party the system records. */
    enum Detail {
        /** Everything: id, birth date, gender, phone, address, occupation, legal representative. */
        FULL,
        /** Name, id, phone, gender and address. */
        CONTACT,
        /** Name, id and phone: what a login needs. */
        MINIMAL
    }
}
