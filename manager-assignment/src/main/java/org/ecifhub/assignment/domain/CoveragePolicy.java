package org.ecifhub.assignment.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who should own a customer of a tier. First version: PRIVILEGE to a SENIOR customer manager, EXCELLENT to a
 * customer manager of grade MANAGER or above, POTENTIAL to the home branch, GENERAL to a teller of the branch;
 * among eligible staff the least loaded against capacity. When no one eligible works at the branch, the branch
 * owns the customer, so nobody is ever left unowned.
 */
public final class CoveragePolicy {

    private CoveragePolicy() {
    }

    public static Owner ownerFor(String tier, String branchCode, List<Candidate> branchStaff) {
        Optional<Candidate> chosen = switch (tier == null ? "GENERAL" : tier) {
            case "PRIVILEGE" -> leastLoaded(branchStaff, c -> c.role() == StaffRole.CUSTOMER_MANAGER
                    && c.grade() == Grade.SENIOR);
            case "EXCELLENT" -> leastLoaded(branchStaff, c -> c.role() == StaffRole.CUSTOMER_MANAGER
                    && c.grade() != null && c.grade().atLeast(Grade.MANAGER));
            case "POTENTIAL" -> Optional.empty();
            default -> leastLoaded(branchStaff, c -> c.role() == StaffRole.TELLER);
        };
        if (chosen.isEmpty()) {
            return Owner.branch(branchCode);
        }
        OwnerRole role = chosen.get().role() == StaffRole.TELLER ? OwnerRole.TELLER : OwnerRole.PRIMARY;
        return Owner.staff(role, chosen.get().staffId());
    }

    private static Optional<Candidate> leastLoaded(List<Candidate> staff, java.util.function.Predicate<Candidate> eligible) {
        return staff.stream().filter(eligible).filter(c -> c.load() < c.capacity())
                .min(Comparator.comparingDouble(Candidate::utilisation).thenComparing(Candidate::staffId));
    }
}
