package org.ecifhub.support.demo;

import static org.ecifhub.support.demo.FeedGenerator.Noise.ADDRESS_WITHOUT_PREFIX;
import static org.ecifhub.support.demo.FeedGenerator.Noise.FIRST_GENERATION_ID;
import static org.ecifhub.support.demo.FeedGenerator.Noise.FORMATTED_PHONE;
import static org.ecifhub.support.demo.FeedGenerator.Noise.FULL_WIDTH_DIGITS;
import static org.ecifhub.support.demo.FeedGenerator.Noise.LOWER_CASE_X;
import static org.ecifhub.support.demo.FeedGenerator.Noise.MISSING_ADDRESS;
import static org.ecifhub.support.demo.FeedGenerator.Noise.MISSING_BIRTH_DATE;
import static org.ecifhub.support.demo.FeedGenerator.Noise.MISSING_PHONE;
import static org.ecifhub.support.demo.FeedGenerator.Noise.NAME_BLANK;
import static org.ecifhub.support.demo.FeedGenerator.Noise.NAME_TYPO;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ecifhub.support.demo.SourceView.Detail;

/**
 * Turns what a source system holds into its canonical feed record, adding the noise of real data entry: missing
 * fields, full-width digits, a lower-case check character, 15-digit ids on old deposit records, formatted phone
 * numbers, blanks and homophone typos in names, addresses with or without the province and city.
 *
 * <p>The noise has its own random stream, so the same seed gives the same parties, customer numbers and
 * balances whatever the noise rates: clean and noisy feeds can be compared record by record.
 */
final class RecordRenderer {

    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    /** First-generation cards were replaced from 2004; records created before then were keyed with them. */
    private static final LocalDate SECOND_GENERATION_CARDS = LocalDate.of(2004, 1, 1);
    private static final char IDEOGRAPHIC_SPACE = '\u3000';
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final FeedGenerator.Options options;
    private final RandomGenerator rnd;
    private final String asOf;

    RecordRenderer(FeedGenerator.Options options, RandomGenerator noise) {
        this.options = options;
        this.rnd = noise;
        this.asOf = options.asOf().format(AS_OF);
    }

    ObjectNode render(Party party, SourceView view) {
        ObjectNode record = NODES.objectNode()
                .put("source", view.source().name())
                .put("sourceCustomerId", view.sourceCustomerId())
                .put("asOf", asOf);
        if (view.branchCode() != null) {
            record.put("branchCode", view.branchCode());
        }
        record.set("party", party(party, view));
        if (view.accounts() != null) {
            record.set("accounts", view.accounts());
        }
        if (view.ebanking() != null) {
            record.set("ebanking", view.ebanking());
        }
        return record;
    }

    private ObjectNode party(Party party, SourceView view) {
        boolean full = view.detail() == Detail.FULL;
        ObjectNode node = NODES.objectNode()
                .put("type", party.kind().name())
                .put("name", name(party, view.secondary()))
                .put("idType", party.idType())
                .put("idNumber", idNumber(party, view));
        if (party.isPerson() && full && !happens(MISSING_BIRTH_DATE)) {
            node.put("birthDate", party.birthDate().toString());
        }
        if (party.isPerson() && view.detail() != Detail.MINIMAL) {
            node.put("gender", party.gender());
        }
        // A login needs a phone: e-banking always has one.
        if (view.source() == FeedSource.EBANK || !happens(MISSING_PHONE)) {
            node.put("phone", phone(party.phone()));
        }
        if (view.detail() != Detail.MINIMAL && !happens(MISSING_ADDRESS)) {
            node.put("address", address(party.address()));
        }
        if (party.occupation() != null && full) {
            node.put("occupation", party.occupation());
        }
        Party representative = party.legalRepresentative();
        if (representative != null && full) {
            node.set("legalRepresentative", NODES.objectNode()
                    .put("name", representative.name())
                    .put("idType", representative.idType())
                    .put("idNumber", keyedId(representative.idNumber())));
        }
        return node;
    }

    private String name(Party party, boolean secondary) {
        if (!party.isPerson()) {
            return party.name();
        }
        String name = secondary && happens(NAME_TYPO) ? homophoneTypo(party) : party.name();
        if (happens(NAME_BLANK)) {
            char blank = rnd.nextBoolean() ? ' ' : IDEOGRAPHIC_SPACE;
            name = name.substring(0, party.surnameLength()) + blank + name.substring(party.surnameLength());
        }
        return name;
    }

    /** The name with one given-name character swapped for a homophone; unchanged if none has one. */
    private String homophoneTypo(Party party) {
        String name = party.name();
        List<Integer> candidates = new ArrayList<>();
        for (int i = party.surnameLength(); i < name.length(); i++) {
            if (Vocabulary.HOMOPHONES.containsKey(name.charAt(i))) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return name;
        }
        int at = Vocabulary.pick(rnd, candidates);
        return name.substring(0, at) + Vocabulary.HOMOPHONES.get(name.charAt(at)) + name.substring(at + 1);
    }

    private String idNumber(Party party, SourceView view) {
        boolean oldDepositRecord = party.isPerson() && view.source() == FeedSource.DEPOSIT
                && view.customerSince() != null && view.customerSince().isBefore(SECOND_GENERATION_CARDS);
        if (oldDepositRecord && happens(FIRST_GENERATION_ID)) {
            return fullWidthSometimes(ChineseIds.toFirstGeneration(party.idNumber()));
        }
        return keyedId(party.idNumber());
    }

    /** An 18-character id as a clerk keys it in: perhaps a lower-case x, perhaps full-width digits. */
    private String keyedId(String id) {
        if (id.endsWith("X") && happens(LOWER_CASE_X)) {
            id = id.substring(0, id.length() - 1) + 'x';
        }
        return fullWidthSometimes(id);
    }

    private String phone(String phone) {
        boolean mobile = phone.length() == 11 && phone.charAt(0) == '1';
        if (mobile && happens(FORMATTED_PHONE)) {
            String a = phone.substring(0, 3);
            String b = phone.substring(3, 7);
            String c = phone.substring(7);
            phone = switch (rnd.nextInt(3)) {
                case 0 -> "+86 " + a + "-" + b + "-" + c;
                case 1 -> a + " " + b + " " + c;
                default -> a + "-" + b + "-" + c;
            };
        }
        return fullWidthSometimes(phone);
    }

    private String address(String address) {
        if (!happens(ADDRESS_WITHOUT_PREFIX)) {
            return Vocabulary.PROVINCE + Vocabulary.CITY + address;
        }
        return rnd.nextBoolean() ? Vocabulary.CITY + address : address;
    }

    /** Input methods in full-width mode type ０-９ and Ｘ (U+FF10..U+FF19, U+FF38). */
    private String fullWidthSometimes(String text) {
        if (!happens(FULL_WIDTH_DIGITS)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= '0' && c <= '9' || c == 'X' ? (char) (c - '0' + '０') : c);
        }
        return out.toString();
    }

    private boolean happens(FeedGenerator.Noise noise) {
        return rnd.nextDouble() < options.noise(noise);
    }
}
