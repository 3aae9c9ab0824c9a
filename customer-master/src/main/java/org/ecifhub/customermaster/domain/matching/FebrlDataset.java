package org.ecifhub.customermaster.domain.matching;

import org.ecifhub.customermaster.domain.PartyType;
import org.ecifhub.customermaster.domain.standard.PersonNames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the FEBRL benchmark files (dataset1/2/3.csv, see {@code shared/data/febrl/README.md}) into match records
 * with their true entity. The social security number becomes an id of type {@value #ID_TYPE}: seven digits
 * without a check digit, so evidence, not proof.
 */
public final class FebrlDataset {

    /** The id type febrl's soc_sec_id is given: a type the hard rule does not trust. */
    public static final String ID_TYPE = "OTHER";

    private static final Pattern REC_ID = Pattern.compile("rec-(\\d+)-(org|dup-\\d+)");
    private static final DateTimeFormatter BIRTH_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    /** A record and the entity it truly belongs to. */
    public record Labelled(MatchRecord record, String entity) {
    }

    private FebrlDataset() {
    }

    public static List<Labelled> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Labelled> out = new ArrayList<>(lines.size());
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                out.add(parse(lines.get(i)));
            }
        }
        return out;
    }

    /**
     * One line: rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state,
     * date_of_birth, soc_sec_id; the separator is a comma, blanks around values are not part of them.
     */
    static Labelled parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 11) {
            throw new IllegalArgumentException("expected 11 fields: " + line);
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].strip();
        }
        Matcher rec = REC_ID.matcher(f[0]);
        if (!rec.matches()) {
            throw new IllegalArgumentException("not a febrl rec_id: " + f[0]);
        }
        String given = emptyToNull(f[1]);
        String surname = emptyToNull(f[2]);
        String name = Stream.of(given, surname).filter(s -> s != null).collect(Collectors.joining(" "));
        String address = Stream.of(f[3], f[4], f[5], f[6], f[7], f[8]).filter(s -> !s.isEmpty())
                .collect(Collectors.joining(" "));
        MatchRecord record = new MatchRecord(f[0], PartyType.PERSON, PersonNames.standardise(name),
                PersonNames.matchKey(name), given, surname, ID_TYPE, emptyToNull(f[10]), true, birthDate(f[9]),
                null, null, emptyToNull(address), emptyToNull(f[7]));
        return new Labelled(record, rec.group(1));
    }

    /** yyyyMMdd; a corrupted value that is no date is treated as missing. */
    static LocalDate birthDate(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text, BIRTH_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
