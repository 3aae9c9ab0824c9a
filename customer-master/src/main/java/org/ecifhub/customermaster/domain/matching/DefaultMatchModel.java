package org.ecifhub.customermaster.domain.matching;

/**
 * The default {@link MatchModel}, version {@value #VERSION}. Where each number comes from:
 *
 * <ul>
 *   <li><b>GIVEN_NAME, SURNAME</b> (Latin names kept in two fields): m and u estimated by {@link EmEstimator} on
 *       the FEBRL dataset3 (10,021 blocking candidates, 400,000 random pairs; no labels used), rounded to two
 *       significant digits; {@code MatchEvaluation --estimate dataset3.csv} reproduces the estimate.</li>
 *   <li><b>BIRTH_DATE</b>: m from the same estimate; u from random pairs of the demo population
 *       ({@code FeedGenerator}, ages 18–85 peaking around fifty), which agree more often by chance than
 *       FEBRL's birth dates spread over a century, so the weights are the more conservative ones. SAME_YEAR
 *       gets a less negative m than FEBRL's 0.0014: rural customers often state a lunar-calendar birthday,
 *       same year, other day.</li>
 *   <li><b>ADDRESS</b>: u from the demo population's Chinese addresses, where chance agreement is far more
 *       common than in FEBRL (a whole village shares all but the numbers); m by reasoning between FEBRL's
 *       very noisy addresses (EXACT only 0.13) and bank records that are often copied (but also stale).</li>
 *   <li><b>ID</b> (unchecked types, or flagged invalid): EXACT, ONE_EDIT, DIFFERENT from the FEBRL estimate
 *       (soc_sec_id), with u raised to one in a million for EXACT and 1e-5 for ONE_EDIT (family members'
 *       passports are issued in sequence). FEBRL has no invalid checked ids: EXACT_INVALID (the same wrong
 *       number twice, copied between systems) is set a little below EXACT, DIFFERENT_INVALID (one number known
 *       to be wrong) mildly negative.</li>
 *   <li><b>NAME</b> (whole names, Chinese): u from the demo population, raised to account for how
 *       concentrated real Chinese names are (张伟, 王芳 …); m by reasoning: a name is keyed from an id card,
 *       and input methods mistype it into homophones (the demo data's re-keyed records do so 5 % of the
 *       time), hardly ever into anything else.</li>
 *   <li><b>PHONE, GENDER</b>: by reasoning, u checked on the demo population; households share a phone, so
 *       PHONE.EXACT has u 5e-6 rather than one in a million.</li>
 * </ul>
 *
 * <p><b>Thresholds.</b> A total weight W means "2^W times likelier for a match than for a random pair". With
 * roughly one duplicate per party, a random pair is a match with odds of about 1 : N in a population of N
 * records, so the posterior odds are about 2^W / N. {@code upper} = 22 gives about 800 : 1 (99.9 %) at
 * N = 5,000, the size of the FEBRL sets, where the separation is widest between 14 and 24. For a larger
 * population raise both thresholds by log2(N / 5,000) ({@link MatchModel#forPopulation}): about +7.6 for a
 * million records. {@code lower} = 14 sends pairs from 2^14 / N upwards to a steward.
 */
final class DefaultMatchModel {

    static final String VERSION = "ecif-fs-1.0";

    static final String TEXT = """
            version = ecif-fs-1.0
            upper = 22
            lower = 14
            # whole name (Chinese names; Latin names not kept in two fields)
            NAME.EXACT = 0.92 0.0001
            NAME.SOUNDS_ALIKE = 0.05 0.00002
            NAME.SIMILAR = 0.02 0.003
            NAME.DIFFERENT = 0.01 0.997
            # Latin given name and surname: EM on FEBRL dataset3
            GIVEN_NAME.EXACT = 0.66 0.0035
            GIVEN_NAME.ONE_EDIT = 0.19 0.0017
            GIVEN_NAME.PHONETIC = 0.0032 0.0025
            GIVEN_NAME.SIMILAR = 0.0062 0.0016
            GIVEN_NAME.DIFFERENT = 0.14 0.99
            SURNAME.EXACT = 0.64 0.0032
            SURNAME.ONE_EDIT = 0.24 0.0012
            SURNAME.PHONETIC = 0.005 0.00072
            SURNAME.SIMILAR = 0.02 0.00063
            SURNAME.DIFFERENT = 0.098 0.99
            BIRTH_DATE.EXACT = 0.92 0.000065
            BIRTH_DATE.DAY_MONTH_SWAPPED = 0.003 0.000024
            BIRTH_DATE.ONE_DIGIT = 0.012 0.0016
            BIRTH_DATE.SAME_YEAR = 0.01 0.019
            BIRTH_DATE.DIFFERENT = 0.055 0.98
            GENDER.AGREE = 0.98 0.5
            GENDER.DISAGREE = 0.02 0.5
            PHONE.EXACT = 0.85 0.000005
            PHONE.LAST_8 = 0.02 0.00001
            PHONE.MOBILE_VS_LANDLINE = 0.08 0.1
            PHONE.DIFFERENT = 0.05 0.9
            ADDRESS.EXACT = 0.55 0.00001
            ADDRESS.VERY_SIMILAR = 0.2 0.00002
            ADDRESS.SIMILAR = 0.12 0.0001
            ADDRESS.PARTIAL = 0.05 0.015
            ADDRESS.DIFFERENT = 0.08 0.985
            ID.EXACT = 0.86 0.000001
            ID.EXACT_INVALID = 0.01 0.0000003
            ID.ONE_EDIT = 0.075 0.00001
            ID.DIFFERENT = 0.066 0.99999
            ID.DIFFERENT_INVALID = 0.3 0.99
            """;

    static final MatchModel MODEL = MatchModel.parse(TEXT);

    private DefaultMatchModel() {
    }
}
