package org.ecifhub.customermaster.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CSV form of feed records (one customer, with at most one account, per row; RFC 4180 quoting). Header, in
 * any order, a subset of:
 * <pre>
 * sourceCustomerId,asOf,branchCode,partyType,name,idType,idNumber,birthDate,gender,phone,address,occupation,
 * accountId,productType,currency,balance,accountStatus,openDate,interestRate,daysPastDue,termMonths,feeIncome,
 * mobileBanking,loginsLast30d,transactionsLast30d
 * </pre>
 * A row becomes the same JSON record a feed would send, so both formats are checked by the same rules.
 */
final class CsvFeedRecords {

    static final List<String> COLUMNS = List.of("sourceCustomerId", "asOf", "branchCode", "partyType", "name", "idType",
            "idNumber", "birthDate", "gender", "phone", "address", "occupation", "accountId", "productType", "currency",
            "balance", "accountStatus", "openDate", "interestRate", "daysPastDue", "termMonths", "feeIncome",
            "mobileBanking", "loginsLast30d", "transactionsLast30d");
    private static final Set<String> NUMBERS = Set.of("balance", "interestRate", "daysPastDue", "termMonths",
            "feeIncome", "loginsLast30d", "transactionsLast30d");
    private static final Map<String, String> PARTY = Map.of("partyType", "type", "name", "name", "idType", "idType",
            "idNumber", "idNumber", "birthDate", "birthDate", "gender", "gender", "phone", "phone", "address", "address",
            "occupation", "occupation");
    private static final Map<String, String> ACCOUNT = Map.ofEntries(Map.entry("accountId", "accountId"),
            Map.entry("productType", "productType"), Map.entry("currency", "currency"), Map.entry("balance", "balance"),
            Map.entry("accountStatus", "status"), Map.entry("openDate", "openDate"),
            Map.entry("interestRate", "interestRate"), Map.entry("daysPastDue", "daysPastDue"),
            Map.entry("termMonths", "termMonths"), Map.entry("feeIncome", "feeIncome"));
    private static final Map<String, String> EBANKING = Map.of("mobileBanking", "mobileBanking",
            "loginsLast30d", "loginsLast30d", "transactionsLast30d", "transactionsLast30d");

    private final List<String> header;
    private final ObjectMapper mapper;

    /** @throws IllegalArgumentException naming the unknown column */
    CsvFeedRecords(String headerLine, ObjectMapper mapper) {
        this.header = split(headerLine).stream().map(String::strip).toList();
        for (String column : header) {
            if (!COLUMNS.contains(column)) {
                throw new IllegalArgumentException("unknown CSV column '" + column + "'; the header may use " + COLUMNS);
            }
        }
        this.mapper = mapper;
    }

    ObjectNode toJson(String source, String line) {
        List<String> values = split(line);
        if (values.size() != header.size()) {
            throw new IllegalArgumentException("row has " + values.size() + " fields, the header " + header.size());
        }
        ObjectNode record = mapper.createObjectNode().put("source", source);
        ObjectNode party = record.putObject("party");
        ObjectNode account = mapper.createObjectNode();
        ObjectNode ebanking = mapper.createObjectNode();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            String value = values.get(i);
            if (value.isEmpty()) {
                continue;
            }
            ObjectNode target = PARTY.containsKey(column) ? party : ACCOUNT.containsKey(column) ? account
                    : EBANKING.containsKey(column) ? ebanking : record;
            String field = PARTY.getOrDefault(column, ACCOUNT.getOrDefault(column, EBANKING.getOrDefault(column, column)));
            if (NUMBERS.contains(column) && isNumber(value)) {
                target.put(field, new BigDecimal(value));
            } else if ("mobileBanking".equals(column) && (value.equals("true") || value.equals("false"))) {
                target.put(field, Boolean.parseBoolean(value));
            } else {
                target.put(field, value); // a wrong type is reported by the same rules as JSON feeds
            }
        }
        if (!account.isEmpty()) {
            ArrayNode accounts = record.putArray("accounts");
            accounts.add(account);
        }
        if (!ebanking.isEmpty()) {
            record.set("ebanking", ebanking);
        }
        return record;
    }

    private static boolean isNumber(String s) {
        try {
            new BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** RFC 4180 fields of one line: commas separate, double quotes enclose, "" is a quote. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field");
        }
        fields.add(field.toString());
        return fields;
    }
}
