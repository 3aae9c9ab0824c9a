package org.ecifhub.assignment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ecifhub.assignment.domain.Grade;
import org.ecifhub.assignment.domain.StaffCsv;
import org.ecifhub.assignment.domain.StaffRole;
import org.ecifhub.assignment.domain.StaffStatus;
import org.ecifhub.assignment.persistence.BranchEntity;
import org.ecifhub.assignment.persistence.BranchRepository;
import org.ecifhub.assignment.persistence.OwnershipRepository;
import org.ecifhub.assignment.persistence.StaffEntity;
import org.ecifhub.assignment.persistence.StaffRepository;
import org.ecifhub.commons.problem.Problem;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/** Branches and staff: create, update, bulk import. */
@ApplicationScoped
public class OrganisationService {

    /** A staff member as the API sees it; {@code status} defaults to ACTIVE. */
    public record StaffData(String staffId, String name, String branchCode, StaffRole role, Grade grade,
                            Integer capacity, StaffStatus status) {
    }

    public record ImportResult(int created, int updated) {
    }

    private final StaffRepository staff;
    private final BranchRepository branches;
    private final OwnershipRepository ownerships;
    private final Clock clock;

    public OrganisationService(StaffRepository staff, BranchRepository branches, OwnershipRepository ownerships,
                               Clock clock) {
        this.staff = staff;
        this.branches = branches;
        this.ownerships = ownerships;
        this.clock = clock;
    }

    @Transactional
    public StaffEntity create(StaffData d) {
        checkGrade(d.role(), d.grade());
        StaffStatus status = d.status() == null ? StaffStatus.ACTIVE : d.status();
        if (!status.keepsCustomers()) {
            throw Problems.invalid("status", "a new staff member is ACTIVE or ON_LEAVE");
        }
        if (staff.findById(d.staffId()) != null) {
            throw Problems.conflict("staffId", "staff member " + d.staffId() + " already exists");
        }
        StaffEntity s = new StaffEntity();
        s.staffId = d.staffId();
        s.createdAt = OffsetDateTime.now(clock);
        fill(s, d.name(), d.branchCode(), d.role(), d.grade(), d.capacity() == null ? StaffCsv.DEFAULT_CAPACITY
                : d.capacity(), status);
        staff.persist(s);
        return s;
    }

    /**
     * Replaces a staff member's data. The status may move between ACTIVE and ON_LEAVE here; DEPARTING and DEPARTED
     * go through the departure hand-over, and nobody becomes DEPARTED while owning customers.
     */
    @Transactional
    public StaffEntity update(String staffId, StaffData d) {
        StaffEntity s = staff.findById(staffId);
        if (s == null) {
            throw Problems.notFound("Staff member " + staffId);
        }
        if (d.staffId() != null && !d.staffId().equals(staffId)) {
            throw Problems.invalid("staffId", "does not match the path");
        }
        checkGrade(d.role(), d.grade());
        StaffStatus status = d.status() == null ? s.status : d.status();
        if (status != s.status) {
            if (status == StaffStatus.DEPARTED && ownerships.countCurrentOf(staffId) > 0) {
                throw Problems.conflict("status", staffId + " still owns " + ownerships.countCurrentOf(staffId)
                        + " customer(s): confirm the departure hand-over first");
            }
            if (!status.keepsCustomers() || s.status == StaffStatus.DEPARTED) {
                throw Problems.conflict("status", "from " + s.status + " to " + status
                        + " goes through POST /api/v1/staff/" + staffId + "/departure");
            }
        }
        fill(s, d.name(), d.branchCode(), d.role(), d.grade(), d.capacity() == null ? s.capacity : d.capacity(), status);
        return s;
    }

    /** Creates or updates every row of the file, or nothing when a value is refused. */
    @Transactional
    public ImportResult importCsv(String csv) {
        StaffCsv.Result result = StaffCsv.parse(csv == null ? "" : csv);
        if (!result.errors().isEmpty()) {
            throw Problems.invalid(result.errors().stream()
                    .map(e -> new Problem.InvalidField(e.index(), e.field(), e.reason())).toList());
        }
        int created = 0;
        int updated = 0;
        for (StaffCsv.Row r : result.rows()) {
            StaffEntity s = staff.findById(r.staffId());
            if (s == null) {
                s = new StaffEntity();
                s.staffId = r.staffId();
                s.createdAt = OffsetDateTime.now(clock);
                fill(s, r.name(), r.branchCode(), r.role(), r.grade(), r.capacity(), r.status());
                staff.persist(s);
                created++;
            } else {
                if (!s.status.keepsCustomers()) {
                    throw Problems.invalid(List.of(new Problem.InvalidField(r.index(), "status",
                            r.staffId() + " is " + s.status + ": a departure is not undone by an import")));
                }
                fill(s, r.name(), r.branchCode(), r.role(), r.grade(), r.capacity(), r.status());
                updated++;
            }
        }
        return new ImportResult(created, updated);
    }

    @Transactional
    public BranchEntity updateBranch(String branchCode, String name, List<String> neighbours) {
        branches.ensure(branchCode);
        BranchEntity b = branches.findById(branchCode);
        if (neighbours != null) {
            for (String n : neighbours) {
                if (n == null || n.isBlank() || n.contains(",") || n.equals(branchCode)) {
                    throw Problems.invalid("neighbours", "a neighbour is another branch's code: " + n);
                }
                branches.ensure(n);
            }
            b.neighbours = String.join(",", neighbours);
        }
        if (name != null) {
            b.name = name;
        }
        b.updatedAt = OffsetDateTime.now(clock);
        return b;
    }

    private void fill(StaffEntity s, String name, String branchCode, StaffRole role, Grade grade, int capacity,
                      StaffStatus status) {
        s.name = name;
        s.branchCode = branchCode;
        s.role = role;
        s.grade = grade;
        s.capacity = capacity;
        s.status = status;
        s.updatedAt = OffsetDateTime.now(clock);
        branches.ensure(branchCode);
    }

    private static void checkGrade(StaffRole role, Grade grade) {
        String problem = StaffCsv.gradeProblem(role, grade);
        if (problem != null) {
            throw Problems.invalid("grade", problem);
        }
    }
}
