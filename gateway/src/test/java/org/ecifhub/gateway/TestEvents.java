package org.ecifhub.gateway;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Event envelopes in the documented shapes (docs/events), for tests that publish to the real topics. */
final class TestEvents {

    private TestEvents() {
    }

    /** A customer number no other test uses. */
    static String number() {
        return String.valueOf(3_000_000_000L + ThreadLocalRandom.current().nextLong(999_999_999L));
    }

    static String envelope(String type, String subject, long version, String data) {
        return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"eventType\":\"" + type + "\",\"subject\":\"" + subject
                + "\",\"version\":" + version + ",\"occurredAt\":\"2026-11-22T08:00:00Z\",\"data\":" + data + "}";
    }

    static String envelope(String type, String subject, String data) {
        return envelope(type, subject, 1, data);
    }

    static String created(String n, String branch) {
        return created(n, branch, "13712345678");
    }

    static String created(String n, String branch, String phone) {
        return envelope("CustomerCreated", n, "{\"customerNumber\":\"" + n + "\",\"attributes\":{\"type\":\"PERSON\","
                + "\"name\":\"王芳\",\"idType\":\"RESIDENT_ID\",\"idNumber\":\"430521199203154321\",\"phone\":"
                + (phone == null ? "null" : "\"" + phone + "\"") + ",\"address\":\"湖南省娄底市新化县上梅镇1号\","
                + "\"birthDate\":\"1992-03-15\",\"gender\":\"F\",\"occupation\":null,\"branchCode\":\"" + branch
                + "\"},\"source\":{\"source\":\"DEPOSIT\",\"sourceCustomerId\":\"CB" + n + "\",\"asOf\":null}}");
    }

    static String tier(String n, String tier, double score, String branch) {
        return envelope("TierChanged", n, "{\"customerNumber\":\"" + n + "\",\"from\":null,\"to\":\"" + tier
                + "\",\"reason\":\"score\",\"score\":" + score + ",\"modelVersion\":\"ecif-cs-1.0\",\"branchCode\":\""
                + branch + "\",\"effective\":\"2026-11-22T00:00:00+08:00\"}");
    }

    static String owner(String n, String role, String staff) {
        return envelope("OwnershipChanged", n, "{\"customerNumber\":\"" + n + "\",\"from\":null,\"to\":{\"role\":\""
                + role + "\",\"ownerType\":\"STAFF\",\"ownerId\":\"" + staff + "\"},\"role\":\"" + role
                + "\",\"reason\":\"tier\",\"effective\":\"2026-11-22T00:00:00+08:00\"}");
    }

    /** One account as HoldingsChanged lists it. */
    static String account(String productType, double balance) {
        return "{\"source\":\"" + (productType.equals("LOAN") ? "LOAN" : "DEPOSIT") + "\",\"accountId\":\"A"
                + ThreadLocalRandom.current().nextInt(1_000_000) + "\",\"productType\":\"" + productType
                + "\",\"currency\":\"CNY\",\"balance\":" + balance + ",\"status\":\"ACTIVE\",\"openDate\":null,"
                + "\"interestRate\":null,\"daysPastDue\":null,\"termMonths\":null,\"feeIncome\":null,\"asOf\":null}";
    }

    /** HoldingsChanged with the given accounts; mobileBanking null means no e-banking status reported. */
    static String holdings(String n, long version, String branch, Boolean mobileBanking, String... accounts) {
        String ebanking = mobileBanking == null ? "null" : "{\"mobileBanking\":" + mobileBanking
                + ",\"loginsLast30d\":3,\"transactionsLast30d\":1,\"asOf\":null}";
        return envelope("HoldingsChanged", n, version, "{\"customerNumber\":\"" + n + "\",\"branchCode\":\"" + branch
                + "\",\"accounts\":[" + String.join(",", accounts) + "],\"ebanking\":" + ebanking + "}");
    }
}
