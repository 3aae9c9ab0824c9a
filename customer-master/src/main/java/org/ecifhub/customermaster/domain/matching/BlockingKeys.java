package org.ecifhub.customermaster.domain.matching;

import org.ecifhub.customermaster.domain.PartyType;

import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blocking keys: the handful of strings under which a record is indexed so that its match candidates are the
 * records sharing at least one key, not the whole customer base. The service stores them in an indexed table
 * (record, key) and looks candidates up by key.
 *
 * <p>Each key is cheap and exact, and each survives a different kind of error, so that a duplicate is missed
 * only when every one of them is broken at once:
 * <ul>
 *   <li>{@code ID:type:number} — any id number; the only key of a record whose other attributes are all wrong;</li>
 *   <li>{@code IX1…IX3:type:…} — the id with one third of it left out ({@code *19800101001X},
 *       {@code 431381*01001X}, {@code 431381198001*}), so that an id with one mistyped digit (flagged invalid,
 *       or of an unchecked type) still finds the correct one;</li>
 *   <li>{@code PH:2345678} — the last 7 digits of the phone, the length of the shortest local number, so
 *       that a landline with and without its area code share it; the e-banking records' main key;</li>
 *   <li>{@code BD:yyyyMMdd} — birth date;</li>
 *   <li>{@code NY:…:year} — the name's sound and the birth year: pinyin initials for Chinese names (survives
 *       homophone typos, "张伟"/"张玮" → {@code zw}), the Double Metaphone code of the surname and, separately,
 *       of the given name for Latin names (survives typos, phonetic spellings and swapped fields);</li>
 *   <li>{@code NA:…:place} — surname sound and where the person lives: the postcode when there is one, else the
 *       address up to its first house or village-group number ("…东塘村3组"), for records without birth date;</li>
 *   <li>{@code NN:…} — for Latin names kept in two fields, the pair of Double Metaphone codes in sorted order,
 *       which survives a corrupted birth date and address together.</li>
 * </ul>
 * Organisations get {@code ID}, {@code PH} and {@code ON:} the pinyin of their name key.
 *
 * <p>A key shared by very many records (a placeholder phone, 1900-01-01) identifies nobody; callers should skip
 * keys whose block is too large (see {@link IncrementalClusterer}).
 */
public final class BlockingKeys {

    private static final DateTimeFormatter DIGITS = DateTimeFormatter.BASIC_ISO_DATE;
    /** A Chinese address up to and including its first number and the unit after it: 号, 组, 栋, 村… */
    private static final Pattern ADDRESS_BLOCK = Pattern.compile("^\\D*?\\d+\\p{IsHan}?");

    /** Mainland local numbers have 7 or 8 digits; mobiles 11. */
    static final int PHONE_KEY_DIGITS = 7;

    /** Ids shorter than this get no partial keys: what is left of them would identify nobody. */
    static final int MIN_ID_FOR_THIRDS = 6;

    private BlockingKeys() {
    }

    public static Set<String> of(MatchRecord r) {
        Set<String> keys = new TreeSet<>();
        if (r.idNumber() != null) {
            keys.add("ID:" + r.idType() + ":" + r.idNumber());
            addIdThirds(keys, r.idType(), r.idNumber());
        }
        String phone = r.phone() == null ? "" : r.phone().replaceAll("\\D", "");
        if (phone.length() >= PHONE_KEY_DIGITS) {
            keys.add("PH:" + phone.substring(phone.length() - PHONE_KEY_DIGITS));
        }
        if (r.type() == PartyType.ORGANIZATION) {
            if (r.nameKey() != null) {
                keys.add("ON:" + Pinyin.key(r.nameKey()));
            }
            return keys;
        }
        if (r.birthDate() != null) {
            keys.add("BD:" + r.birthDate().format(DIGITS));
        }
        String year = r.birthDate() == null ? null : Integer.toString(r.birthDate().getYear());
        String place = place(r);
        if (r.hasNameParts()) {
            String given = Comparators.metaphone(r.givenName());
            String surname = Comparators.metaphone(r.surname());
            addIfAll(keys, "NY:", surname, year);
            addIfAll(keys, "NY:", given, year);
            addIfAll(keys, "NA:", surname, place);
            if (given != null && surname != null) {
                String[] pair = {given, surname};
                Arrays.sort(pair);
                keys.add("NN:" + pair[0] + ":" + pair[1]);
            }
        } else if (r.nameKey() != null) {
            if (Pinyin.containsHan(r.nameKey())) {
                addIfAll(keys, "NY:", Pinyin.initials(r.nameKey()), year);
                addIfAll(keys, "NA:", Pinyin.readings(r.nameKey().charAt(0)).stream().findFirst().orElse(null),
                        place);
            } else {
                String[] words = r.nameKey().split("[^\\p{L}]+");
                String last = words.length == 0 ? null : Comparators.metaphone(words[words.length - 1]);
                addIfAll(keys, "NY:", last, year);
                addIfAll(keys, "NA:", last, place);
            }
        }
        return keys;
    }

    /**
     * The id with each third of it left out in turn: a mistyped digit falls in one third, so the key without
     * that third still brings the correct record in. For a resident id the thirds are region, birth year and
     * month, and day, sequence and check character.
     */
    private static void addIdThirds(Set<String> keys, String idType, String id) {
        int n = id.length();
        if (n < MIN_ID_FOR_THIRDS) {
            return;
        }
        int[] cuts = {0, n / 3, 2 * n / 3, n};
        for (int third = 0; third < 3; third++) {
            keys.add("IX" + (third + 1) + ":" + idType + ":" + id.substring(0, cuts[third])
                    + "*" + id.substring(cuts[third + 1]));
        }
    }

    /** The postcode, or the address up to its first number; null when neither is there. */
    private static String place(MatchRecord r) {
        if (r.postcode() != null) {
            return r.postcode();
        }
        if (r.address() == null || !Pinyin.containsHan(r.address())) {
            return null;
        }
        Matcher m = ADDRESS_BLOCK.matcher(Similarity.compactForm(r.address()));
        return m.find() ? m.group() : null;
    }

    private static void addIfAll(Set<String> keys, String prefix, String value, String qualifier) {
        if (value != null && !value.isEmpty() && qualifier != null) {
            keys.add(prefix + value + ":" + qualifier);
        }
    }
}
