package org.ecifhub.assignment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ecifhub.assignment.config.AssignmentConfig;
import org.ecifhub.assignment.domain.Performance;
import org.ecifhub.assignment.persistence.ContributionRepository;
import org.ecifhub.assignment.persistence.OwnershipEntity;
import org.ecifhub.assignment.persistence.OwnershipRepository;
import org.ecifhub.assignment.persistence.StaffRepository;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A staff member's performance over a period: the contribution of the customers they owned, by ownership. */
@ApplicationScoped
public class PerformanceService {

    public record Report(String staffId, LocalDate from, LocalDate to, BigDecimal primaryShare, BigDecimal total,
                         List<Performance.CustomerShare> customers) {
    }

    /** One staff member's line in a branch's performance. */
    public record StaffTotal(String staffId, String name, String role, BigDecimal total, int customers) {
    }

    public record BranchReport(String branchCode, LocalDate from, LocalDate to, BigDecimal total,
                               List<StaffTotal> staff) {
    }

    private final OwnershipRepository ownerships;
    private final ContributionRepository contributions;
    private final StaffRepository staff;
    private final AssignmentConfig config;
    private final Clock clock;

    public PerformanceService(OwnershipRepository ownerships, ContributionRepository contributions,
                              StaffRepository staff, AssignmentConfig config, Clock clock) {
        this.ownerships = ownerships;
        this.contributions = contributions;
        this.staff = staff;
        this.config = config;
        this.clock = clock;
    }

    /** The performance of every staff member of the branch (drill down with {@link #of} per staff member). */
    @Transactional
    public BranchReport ofBranch(String branchCode, LocalDate from, LocalDate to) {
        List<StaffTotal> lines = staff.list("branchCode = ?1 order by staffId", branchCode).stream().map(s -> {
            Report r = of(s.staffId, from, to);
            return new StaffTotal(s.staffId, s.name, s.role.name(), r.total(), r.customers().size());
        }).toList();
        BigDecimal total = lines.stream().map(StaffTotal::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new BranchReport(branchCode, from, to, total, lines);
    }

    /** @param from first day, @param to last day (both included, in the bank's time zone) */
    @Transactional
    public Report of(String staffId, LocalDate from, LocalDate to) {
        if (staff.findById(staffId) == null) {
            throw Problems.notFound("Staff member " + staffId);
        }
        if (from == null || to == null) {
            throw Problems.invalid(from == null ? "from" : "to", "is required (yyyy-MM-dd)");
        }
        if (to.isBefore(from)) {
            throw Problems.invalid("to", "must not be before from");
        }
        OffsetDateTime start = from.atStartOfDay(clock.getZone()).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime();
        BigDecimal share = config.performance().primaryShare();
        List<Performance.CustomerShare> lines = ownerships.customersOwnedBetween(staffId, start, end).stream()
                .map(c -> Performance.attribute(staffId, c, start.toInstant(), end.toInstant(),
                        ownerships.overlapping(c, start, end).stream().map(OwnershipEntity::interval).toList(),
                        contributions.history(c), share))
                .filter(l -> !l.segments().isEmpty()).toList();
        BigDecimal total = lines.stream().map(Performance.CustomerShare::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Report(staffId, from, to, share, total, lines);
    }
}
