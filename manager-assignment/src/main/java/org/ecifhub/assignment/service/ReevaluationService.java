package org.ecifhub.assignment.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.assignment.persistence.AssignedCustomerRepository;

import java.util.List;

/**
 * Re-evaluates every customer against the coverage policy in batches of {@value #BATCH}, each its own
 * transaction (so a long run holds no lock for long and can be repeated safely: customers who still fit keep
 * their owner). Used after a coverage-policy change (configuration, restart) or after staff were added.
 */
@ApplicationScoped
public class ReevaluationService {

    static final int BATCH = 500;

    public record Result(long customers, long changed, long millis) {
    }

    private final AssignedCustomerRepository customers;
    private final AssignmentService assignment;

    public ReevaluationService(AssignedCustomerRepository customers, AssignmentService assignment) {
        this.customers = customers;
        this.assignment = assignment;
    }

    public Result all(String operator, String reason) {
        if (operator == null || operator.isBlank()) {
            throw Problems.invalid("operator", "is required");
        }
        String trigger = "re-evaluation by " + operator + (reason == null || reason.isBlank() ? "" : ": " + reason);
        long started = System.nanoTime();
        long seen = 0;
        long changed = 0;
        String after = "";
        while (true) {
            String from = after;
            List<String> batch = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> customers.nextToReevaluate(from, BATCH));
            if (batch.isEmpty()) {
                break;
            }
            changed += assignment.reevaluateBatch(batch, trigger, operator);
            seen += batch.size();
            after = batch.get(batch.size() - 1);
        }
        return new Result(seen, changed, (System.nanoTime() - started) / 1_000_000);
    }
}
