/**
 * Probabilistic matching (概率匹配) of customer records that the deterministic rule (same valid id, same party)
 * cannot decide: records without an id, with an id whose check character is wrong, or with an id type that has
 * no check (passport, other), such as e-banking records that only know a name and a phone.
 *
 * <ul>
 *   <li>{@link org.ecifhub.customermaster.domain.matching.MatchRecord}: the standardised values compared;</li>
 *   <li>{@link org.ecifhub.customermaster.domain.matching.BlockingKeys}: the keys under which candidates are
 *       found without scanning everyone;</li>
 *   <li>{@link org.ecifhub.customermaster.domain.matching.ProbabilisticMatcher}: hard rules, then a
 *       Fellegi–Sunter sum of log2 likelihood ratios under a
 *       {@link org.ecifhub.customermaster.domain.matching.MatchModel} (data, versioned), giving an explainable
 *       {@link org.ecifhub.customermaster.domain.matching.MatchResult};</li>
 *   <li>{@link org.ecifhub.customermaster.domain.matching.IncrementalClusterer}: record-by-record consolidation
 *       as the hub does it, used to measure quality
 *       ({@link org.ecifhub.customermaster.domain.matching.MatchEvaluation}).</li>
 * </ul>
 *
 * <p>The one thing evidence never overrides: two different valid resident ids (or USCCs) are two parties.
 * And since relatives share birth date, address and phone, a pair whose names neither agree nor sound alike
 * goes to a steward however high its weight (unless an id agrees).
 *
 * <p>Plain Java; the only libraries are pinyin4j (Chinese readings) and commons-codec (Double Metaphone).
 */
package org.ecifhub.customermaster.domain.matching;
