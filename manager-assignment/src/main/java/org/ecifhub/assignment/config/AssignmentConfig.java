package org.ecifhub.assignment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.ecifhub.assignment.domain.CoveragePolicy;
import org.ecifhub.assignment.domain.Grade;
import org.ecifhub.assignment.domain.VisitPlan;

import java.math.BigDecimal;
import java.time.Period;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** manager-assignment's settings; every default is documented in the service README. */
@ConfigMapping(prefix = "ecif.assignment")
public interface AssignmentConfig {

    /** The time zone of the bank's business days (visit dates, performance periods). */
    @WithDefault("Asia/Shanghai")
    String zone();

    /**
     * Load the demo organisation at start (branches LSJ001–LSJ006 with names and neighbours, and their managers of
     * every grade and tellers, from {@code demo/*.csv}); only what does not exist yet is created.
     */
    @WithDefault("false")
    boolean demoOrganisation();

    Coverage coverage();

    Visits visits();

    PerformanceSettings performance();

    interface Coverage {
        /** Grade a PRIVILEGE customer's primary needs. */
        @WithDefault("SENIOR")
        Grade privilegeGrade();

        /** Grade an EXCELLENT (or large corporate) customer's primary needs, at least. */
        @WithDefault("MANAGER")
        Grade excellentGrade();

        /** Grade a core customer's secondary needs, at least. */
        @WithDefault("TRAINEE")
        Grade secondaryGrade();

        /**
         * A PRIVILEGE customer contributing at least this (TierChanged.score, CNY a year) is a core customer (team
         * of two). 50,000 is five times the PRIVILEGE contribution threshold of contribution-scoring's model.
         */
        @WithDefault("50000")
        BigDecimal corePrivilegeMinScore();

        /** An ORGANIZATION with deposits plus loans of at least this (CNY) is a large corporate, core customer. */
        @WithDefault("50000000")
        BigDecimal coreCorporateMinHoldings();

        /** Look at neighbouring branches when the home branch has no one eligible with room. */
        @WithDefault("true")
        boolean useNeighbours();

        default CoveragePolicy.Settings settings() {
            return new CoveragePolicy.Settings(privilegeGrade(), excellentGrade(), secondaryGrade(),
                    corePrivilegeMinScore(), coreCorporateMinHoldings(), useNeighbours());
        }
    }

    interface Visits {
        @WithDefault("P1M")
        Period privilege();

        @WithDefault("P3M")
        Period excellent();

        @WithDefault("P6M")
        Period potential();

        /** GENERAL customers have no visit plan unless set. */
        Optional<Period> general();

        default VisitPlan plan() {
            Map<String, Period> m = new HashMap<>();
            m.put("PRIVILEGE", privilege());
            m.put("EXCELLENT", excellent());
            m.put("POTENTIAL", potential());
            general().ifPresent(p -> m.put("GENERAL", p));
            return new VisitPlan(m);
        }
    }

    interface PerformanceSettings {
        /** The primary's share of a team-owned customer's contribution; the secondary gets the rest. */
        @WithDefault("0.7")
        BigDecimal primaryShare();
    }
}
