package org.ecifhub.customermaster.domain.matching;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimilarityTest {

    /** The textbook values (Winkler 1990; Wikipedia's examples). */
    @ParameterizedTest
    @CsvSource({
            "MARTHA, MARHTA, 0.961",
            "DWAYNE, DUANE, 0.840",
            "DIXON, DICKSONX, 0.813",
            "ABC, ABC, 1.0",
            "ABC, XYZ, 0.0"
    })
    void jaroWinklerGivesTheTextbookValues(String a, String b, double expected) {
        assertThat(Similarity.jaroWinkler(a, b)).isCloseTo(expected, within(0.001));
        assertThat(Similarity.jaroWinkler(b, a)).isCloseTo(expected, within(0.001));
    }

    @ParameterizedTest
    @CsvSource({
            "4313811980, 4313811980, true",
            "4313811980, 4313811981, true",   // substitution
            "4313811980, 4313181980, true",   // adjacent swap
            "4313811980, 431381198, true",    // deletion
            "431381198, 4313811980, true",    // insertion
            "4313811980, 4313811891, false",  // two errors
            "4313811980, 3413811908, false",
            "MASON, MASNO, true",
            "MASON, NOSAM, false"
    })
    void withinOneEditAcceptsExactlyOneTypingError(String a, String b, boolean expected) {
        assertThat(Similarity.withinOneEdit(a, b)).isEqualTo(expected);
    }

    @Test
    void bigramDiceIgnoresLayout() {
        assertThat(Similarity.bigramDice("brentwood vlge", "brentwoo dvlge")).isEqualTo(1.0);
        assertThat(Similarity.bigramDice("冷水江市布溪街道人民路12号", "冷水江市布溪街道人民路12号")).isEqualTo(1.0);
        assertThat(Similarity.bigramDice("abc", "xyz")).isZero();
        assertThat(Similarity.bigramDice("pridham street milton", "milton pridham street"))
                .isGreaterThan(0.85);
    }

    @Test
    void fuzzyWordDiceForgivesATypoInEveryWord() {
        assertThat(Similarity.fuzzyWordDice("57 fincham crescent wilga", "57 fincham cerscent wilga")).isEqualTo(1.0);
        assertThat(Similarity.fuzzyWordDice("12 main road", "40 other street")).isZero();
    }
}
