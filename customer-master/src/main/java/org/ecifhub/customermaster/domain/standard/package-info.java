/**
 * Standardisation and validation of party attributes (标准化与校验).
 *
 * <p>The rule of this package: keep what was received; store the standard form beside it. An invalid value is
 * never "fixed" into a guess: it is kept (only cleaned of formatting: Unicode NFKC, blanks, dashes, case), flagged
 * with a {@link org.ecifhub.customermaster.domain.standard.QualityFlag} and a reason, and weighs less in matching.
 * The only values this package ever creates are those that follow from the standards themselves: the check
 * character of an upgraded 15-digit resident id, and a birth date or gender read from a valid resident id.
 *
 * <p>Everything here is plain Java and stateless; "today" is a parameter wherever a rule depends on it, with
 * overloads that use the date in China ({@code Asia/Shanghai}).
 */
package org.ecifhub.customermaster.domain.standard;
