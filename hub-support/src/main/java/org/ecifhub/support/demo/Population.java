package org.ecifhub.support.demo;

import static org.ecifhub.support.demo.Vocabulary.BRANCHES;
import static org.ecifhub.support.demo.Vocabulary.BRANDS;
import static org.ecifhub.support.demo.Vocabulary.COUNTIES;
import static org.ecifhub.support.demo.Vocabulary.FEMALE_GIVEN;
import static org.ecifhub.support.demo.Vocabulary.INDUSTRIES;
import static org.ecifhub.support.demo.Vocabulary.MALE_GIVEN;
import static org.ecifhub.support.demo.Vocabulary.MOBILE_PREFIXES;
import static org.ecifhub.support.demo.Vocabulary.OCCUPATIONS;
import static org.ecifhub.support.demo.Vocabulary.STREETS;
import static org.ecifhub.support.demo.Vocabulary.SURNAMES;
import static org.ecifhub.support.demo.Vocabulary.VILLAGE_FIRST;
import static org.ecifhub.support.demo.Vocabulary.VILLAGE_SECOND;
import static org.ecifhub.support.demo.Vocabulary.pick;
import static org.ecifhub.support.demo.Vocabulary.pickChar;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.random.RandomGenerator;
import org.ecifhub.support.demo.Vocabulary.County;
import org.ecifhub.support.demo.Vocabulary.Industry;

/**
 * Draws the real parties one after the other, so that a million of them never sit in memory together.
 *
 * <p>Relatives are drawn next to each other: a party may be the twin of, or share the household of, the person
 * drawn just before it, and an organisation's legal representative is that person too. Only the last person is
 * kept for this. Identity numbers are unique by construction: each (region, birth date, sex) has its own
 * sequence counter, which takes a fixed few bytes per possible birth date, not per party.
 */
final class Population {

    private static final int OLDEST_AGE = 85;
    private static final int YOUNGEST_AGE = 18;
    /** GB 11643 sequence codes handed out per (region, birth date, sex): 010..999, odd for men. */
    private static final int FIRST_SEQUENCE = 10;
    private static final int SEQUENCES_PER_SEX = (1000 - FIRST_SEQUENCE) / 2;
    private static final double MOBILE_SHARE = 0.95;
    private static final double SAME_BRANCH_AS_HOUSEHOLD = 0.7;
    private static final double LIVES_IN_BIRTH_COUNTY = 0.65;
    private static final double LEGAL_REPRESENTATIVE_KNOWN = 0.8;
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final FeedGenerator.Options options;
    private final RandomGenerator rnd;
    private final LocalDate asOfDate;
    private final LocalDate oldestBirthDate;
    private final int birthDays;
    private final short[] sequencesUsed;

    private int drawn;
    private int organisations;
    private Party lastPerson;

    Population(FeedGenerator.Options options, RandomGenerator rnd) {
        this.options = options;
        this.rnd = rnd;
        this.asOfDate = options.asOf().toLocalDate();
        this.oldestBirthDate = asOfDate.minusYears(OLDEST_AGE);
        this.birthDays = (int) ChronoUnit.DAYS.between(oldestBirthDate, asOfDate.minusYears(YOUNGEST_AGE)) + 1;
        this.sequencesUsed = new short[COUNTIES.values().size() * birthDays * 2];
    }

    boolean hasNext() {
        return drawn < options.parties();
    }

    Party next() {
        drawn++;
        String partyId = String.format("P%07d", drawn);
        Party.Feeds feeds = new Party.Feeds(
                rnd.nextDouble() < options.secondDepositShare(),
                rnd.nextDouble() < options.loanShare(),
                rnd.nextDouble() < options.ebankShare());
        if (rnd.nextDouble() < options.organisationShare()) {
            return organisation(partyId, feeds);
        }
        lastPerson = person(partyId, feeds);
        return lastPerson;
    }

    private Party person(String partyId, Party.Feeds feeds) {
        Party relative = lastPerson;
        double relation = rnd.nextDouble();
        boolean twin = relative != null && relation < options.twinShare();
        boolean household = relative != null && !twin && relation < options.twinShare() + options.householdShare();

        boolean male = rnd.nextBoolean();
        // Twins are registered together: same region and birth date, consecutive sequence codes.
        County idRegion = twin ? regionOf(relative) : COUNTIES.pick(rnd);
        LocalDate birthDate = twin ? relative.birthDate() : drawBirthDate();
        String id = allocateResidentId(idRegion, birthDate, male);
        while (id == null) { // that day's sequence codes are used up: practically never, even at a million
            birthDate = drawBirthDate();
            id = allocateResidentId(idRegion, birthDate, male);
        }

        String surname = twin || household && rnd.nextBoolean() ? relative.surname() : SURNAMES.pick(rnd);
        String given = twin ? twinGivenName(relative.givenName(), male) : givenName(male);
        String phone;
        String address;
        String branch;
        if (twin || household) {
            phone = relative.phone();
            address = relative.address();
            branch = rnd.nextDouble() < SAME_BRANCH_AS_HOUSEHOLD ? relative.branchCode() : BRANCHES.pick(rnd);
        } else {
            County home = rnd.nextDouble() < LIVES_IN_BIRTH_COUNTY ? idRegion : COUNTIES.pick(rnd);
            phone = rnd.nextDouble() < MOBILE_SHARE ? mobile() : landline(home);
            address = address(home, 0.5);
            branch = BRANCHES.pick(rnd);
        }
        return new Party(partyId, Party.Kind.PERSON, surname + given, surname.length(), id, birthDate,
                male ? "M" : "F", phone, address, occupation(birthDate), branch, null, feeds);
    }

    private Party organisation(String partyId, Party.Feeds feeds) {
        County county = COUNTIES.pick(rnd);
        String town = pick(rnd, county.towns());
        Industry industry = INDUSTRIES.pick(rnd);
        String name = county.name() + (industry.individualBusiness() ? town : "")
                + pickChar(rnd, BRANDS) + pickChar(rnd, BRANDS) + industry.suffix();
        String uscc = ChineseIds.uscc('9', industry.usccCategory(), county.regionCode(),
                organizationCodeBody(organisations++));
        Party representative = lastPerson != null && rnd.nextDouble() < LEGAL_REPRESENTATIVE_KNOWN ? lastPerson : null;
        // Small businesses often give the boss's mobile as the company phone.
        String phone = representative != null && rnd.nextBoolean() ? representative.phone() : landline(county);
        return new Party(partyId, Party.Kind.ORGANIZATION, name, 0, uscc, null, null, phone,
                county.name() + town + addressTail(town, 0.9), null, BRANCHES.pick(rnd), representative, feeds);
    }

    /**
     * The n-th organisation's 8-digit organisation code body. Multiplying by a number coprime to 10^8 (odd, not
     * a multiple of 5) permutes 0..10^8-1, so the codes are unique yet do not look sequential.
     */
    private static String organizationCodeBody(int n) {
        return String.format("%08d", (n * 61_803_399L + 31_415_926L) % 100_000_000L);
    }

    private static County regionOf(Party person) {
        String region = person.idNumber().substring(0, 6);
        return COUNTIES.values().stream().filter(c -> c.regionCode().equals(region)).findFirst().orElseThrow();
    }

    /** Ages 18..85, most around fifty: a rural bank's customers are not young. */
    private LocalDate drawBirthDate() {
        double triangular = (rnd.nextDouble() + rnd.nextDouble()) / 2;
        return oldestBirthDate.plusDays((long) (triangular * birthDays));
    }

    /** The next free resident id for the region, birth date and sex, or null when that day is used up. */
    private String allocateResidentId(County region, LocalDate birthDate, boolean male) {
        int day = (int) ChronoUnit.DAYS.between(oldestBirthDate, birthDate);
        int slot = (COUNTIES.values().indexOf(region) * birthDays + day) * 2 + (male ? 1 : 0);
        int used = sequencesUsed[slot];
        if (used >= SEQUENCES_PER_SEX) {
            return null;
        }
        sequencesUsed[slot]++;
        // Start each day at a different code so that ids do not all end in 01x; still unique within the slot.
        int start = Math.floorMod(slot * 0x9E3779B9, SEQUENCES_PER_SEX);
        int sequence = FIRST_SEQUENCE + 2 * ((start + used) % SEQUENCES_PER_SEX) + (male ? 1 : 0);
        String first17 = region.regionCode() + birthDate.format(BASIC_DATE) + String.format("%03d", sequence);
        return first17 + ChineseIds.residentIdCheckChar(first17);
    }

    /** One or two characters; single-character given names are common among older people. */
    private String givenName(boolean male) {
        String chars = male ? MALE_GIVEN : FEMALE_GIVEN;
        return rnd.nextDouble() < 0.2 ? "" + pickChar(rnd, chars) : "" + pickChar(rnd, chars) + pickChar(rnd, chars);
    }

    /** A different given name, often sharing the sibling's first character (generation name, 字辈). */
    private String twinGivenName(String sibling, boolean male) {
        String chars = male ? MALE_GIVEN : FEMALE_GIVEN;
        String given;
        do {
            given = sibling.length() == 2 && rnd.nextBoolean()
                    ? sibling.charAt(0) + "" + pickChar(rnd, chars)
                    : givenName(male);
        } while (given.equals(sibling));
        return given;
    }

    private String occupation(LocalDate birthDate) {
        int age = Period.between(birthDate, asOfDate).getYears();
        if (age < 23 && rnd.nextDouble() < 0.6) {
            return Vocabulary.STUDENT;
        }
        if (age >= 55 && rnd.nextDouble() < (age >= 60 ? 0.5 : 0.2)) {
            return Vocabulary.RETIRED;
        }
        return OCCUPATIONS.pick(rnd);
    }

    private String mobile() {
        return pick(rnd, MOBILE_PREFIXES) + String.format("%08d", rnd.nextInt(100_000_000));
    }

    /** A 娄底 (area code 0738) fixed line; the first local digit depends on the county. */
    private String landline(County county) {
        return "0738-" + county.landlineDigit() + String.format("%06d", rnd.nextInt(1_000_000));
    }

    private String address(County county, double urbanShare) {
        String town = pick(rnd, county.towns());
        return county.name() + town + addressTail(town, urbanShare);
    }

    /** A street address in a town's urban sub-district (街道), otherwise a village address: 村, 组 (group), 号. */
    private String addressTail(String town, double urbanShare) {
        if (town.endsWith("街道") && rnd.nextDouble() < urbanShare) {
            String street = pick(rnd, STREETS) + (1 + rnd.nextInt(200)) + "号";
            if (rnd.nextBoolean()) {
                return street;
            }
            int room = (1 + rnd.nextInt(7)) * 100 + 1 + rnd.nextInt(4);
            return street + (1 + rnd.nextInt(12)) + "栋" + (1 + rnd.nextInt(3)) + "单元" + room + "室";
        }
        return "" + pickChar(rnd, VILLAGE_FIRST) + pickChar(rnd, VILLAGE_SECOND) + "村"
                + (1 + rnd.nextInt(15)) + "组" + (1 + rnd.nextInt(60)) + "号";
    }
}
