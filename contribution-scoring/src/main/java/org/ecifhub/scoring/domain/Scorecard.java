package org.ecifhub.scoring.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One customer's score as of a business date, with its explanation.
 *
 * @param contribution annualised contribution (综合贡献度) in CNY: deposit + loan + fee components
 * @param points       the points of every component, risk deduction included
 * @param ruleTier     the tier the model's rules give today, before hysteresis and overrides
 * @param tierReason   which rule gave {@code ruleTier}
 */
public record Scorecard(LocalDate asOf, String modelVersion, BigDecimal contribution, BigDecimal points,
                        Averages averages, List<Component> components, Tier ruleTier, String tierReason) {

    /**
     * Average daily balances. Each window ends on {@code asOf} and starts {@code days - 1} days earlier, or on the
     * customer's first known balance if that is later (days before the customer existed are not counted as zero).
     */
    public record Averages(LocalDate shortFrom, LocalDate longFrom, BigDecimal assetsShort, BigDecimal assetsLong,
                           BigDecimal loansLong, BigDecimal assetsToday, Map<ProductType, BigDecimal> byProductLong) {
    }

    /** One explained component: its contribution in CNY (zero for non-monetary ones), its points and inputs. */
    public record Component(String name, BigDecimal contribution, BigDecimal points, Map<String, Object> inputs) {
    }

    public Component component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
