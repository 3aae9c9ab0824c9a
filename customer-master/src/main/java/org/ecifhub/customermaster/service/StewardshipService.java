package org.ecifhub.customermaster.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ecifhub.commons.problem.Problem;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.customermaster.domain.CustomerEvent;
import org.ecifhub.customermaster.messaging.CustomerEventPublisher;
import org.ecifhub.customermaster.persistence.GoldenRecordEntity;
import org.ecifhub.customermaster.persistence.GoldenRecordRepository;
import org.ecifhub.customermaster.persistence.MatchingStore;
import org.ecifhub.customermaster.persistence.StewardshipStore;
import org.ecifhub.customermaster.persistence.XrefRepository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A data steward's manual merge and unmerge (split), each with reason and operator, audited, announced, and
 * remembered as a decision that later feeds respect.
 */
@ApplicationScoped
public class StewardshipService {

    public record MergeRequest(String retired, String operator, String reason) {
    }

    public record SplitRequest(String source, String sourceCustomerId, String operator, String reason) {
    }

    public record SplitResult(String from, String newCustomer) {
    }

    public record Resolution(String operator, String reason) {
    }

    /** A possible match with both records side by side and the comparator breakdown. */
    public record TaskView(long id, String status, String customerNumber, String candidate, double totalWeight,
                           JsonNode explanation, CustomerQueries.CustomerView record,
                           CustomerQueries.CustomerView candidateRecord, String createdAt) {
    }

    private final GoldenRecordRepository goldenRecords;
    private final XrefRepository xrefs;
    private final StewardshipStore store;
    private final ConsolidationService consolidation;
    private final CustomerEventPublisher events;
    private final MatchingStore matching;
    private final CustomerQueries queries;
    private final ObjectMapper mapper;

    public StewardshipService(GoldenRecordRepository goldenRecords, XrefRepository xrefs, StewardshipStore store,
                              ConsolidationService consolidation, CustomerEventPublisher events,
                              MatchingStore matching, CustomerQueries queries, ObjectMapper mapper) {
        this.matching = matching;
        this.queries = queries;
        this.mapper = mapper;
        this.goldenRecords = goldenRecords;
        this.xrefs = xrefs;
        this.store = store;
        this.consolidation = consolidation;
        this.events = events;
    }

    @Transactional
    public void merge(String survivorNumber, MergeRequest request) {
        goldenRecords.lockConsolidationShared();
        requireText("operator", request.operator());
        requireText("reason", request.reason());
        requireText("retired", request.retired());
        if (survivorNumber.equals(request.retired())) {
            throw invalid("retired", "a customer cannot be merged into itself");
        }
        goldenRecords.lockKeys(List.of("customer:" + survivorNumber, "customer:" + request.retired()));
        GoldenRecordEntity survivor = active(survivorNumber);
        GoldenRecordEntity retired = active(request.retired());
        if (survivor.idValid && retired.idValid && survivor.idNumber != null && retired.idNumber != null
                && !Objects.equals(survivor.idType + survivor.idNumber, retired.idType + retired.idNumber)) {
            throw conflict("Two different valid id numbers are never the same party: " + survivor.idNumber + " and "
                    + retired.idNumber);
        }
        if (store.cannotLink(survivorNumber, request.retired())) {
            throw conflict("A steward decided these customers are different parties (CANNOT_LINK)");
        }
        store.moveAll(retired.customerNumber, survivor.customerNumber);
        retired.status = "RETIRED";
        retired.mergedInto = survivor.customerNumber;
        store.decide(survivor.customerNumber, retired.customerNumber, "MUST_LINK", request.operator(), request.reason());
        store.audit("MERGE", "{\"survivor\": \"" + survivor.customerNumber + "\", \"retired\": \""
                + retired.customerNumber + "\"}", request.operator(), request.reason());
        for (GoldenRecordEntity g : List.of(survivor, retired)) {
            goldenRecords.touch(g);
            events.publish(new CustomerEvent.CustomersMerged(g.customerNumber, survivor.customerNumber,
                    retired.customerNumber, request.operator(), request.reason()), g.version);
        }
        consolidation.recordVersion(retired);
        consolidation.refreshAfterStewardship(survivor, null, false);
        matching.closeTasksOf(retired.customerNumber, request.operator());
    }

    @Transactional
    public List<TaskView> tasks(String status, int page, int size) {
        return matching.tasks(status, page, size).stream().map(this::view).toList();
    }

    /** The steward confirms the possible match: the newer record is merged into the existing candidate. */
    @Transactional
    public TaskView confirm(long taskId, Resolution resolution) {
        MatchingStore.Task task = openTask(taskId);
        merge(task.candidate(), new MergeRequest(task.customerNumber(), resolution.operator(), resolution.reason()));
        matching.resolveTask(taskId, "MERGED", resolution.operator(), resolution.reason());
        return view(matching.task(taskId));
    }

    /** The steward keeps the two apart: remembered as CANNOT_LINK, so they are never merged without a new look. */
    @Transactional
    public TaskView keepApart(long taskId, Resolution resolution) {
        requireText("operator", resolution.operator());
        requireText("reason", resolution.reason());
        MatchingStore.Task task = openTask(taskId);
        store.decide(task.customerNumber(), task.candidate(), "CANNOT_LINK", resolution.operator(), resolution.reason());
        store.audit("KEEP_APART", "{\"a\": \"" + task.customerNumber() + "\", \"b\": \"" + task.candidate() + "\"}",
                resolution.operator(), resolution.reason());
        matching.resolveTask(taskId, "KEPT_APART", resolution.operator(), resolution.reason());
        return view(matching.task(taskId));
    }

    private MatchingStore.Task openTask(long taskId) {
        MatchingStore.Task task = matching.task(taskId);
        if (task == null) {
            throw ProblemException.notFound("Stewardship task " + taskId);
        }
        if (!"OPEN".equals(task.status())) {
            throw conflict("Task " + taskId + " is already " + task.status());
        }
        return task;
    }

    private TaskView view(MatchingStore.Task t) {
        JsonNode explanation;
        try {
            explanation = mapper.readTree(t.explanationJson());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new TaskView(t.id(), t.status(), t.customerNumber(), t.candidate(), t.totalWeight(), explanation,
                queries.customer(t.customerNumber()).orElse(null), queries.customer(t.candidate()).orElse(null),
                t.createdAt());
    }

    @Transactional
    public SplitResult split(String customerNumber, SplitRequest request) {
        goldenRecords.lockConsolidationShared();
        requireText("operator", request.operator());
        requireText("reason", request.reason());
        requireText("source", request.source());
        requireText("sourceCustomerId", request.sourceCustomerId());
        goldenRecords.lockKeys(List.of("customer:" + customerNumber,
                "src:" + request.source() + ":" + request.sourceCustomerId()));
        GoldenRecordEntity from = active(customerNumber);
        String linked = xrefs.customerNumberOf(request.source(), request.sourceCustomerId()).orElse(null);
        if (!customerNumber.equals(linked)) {
            throw invalid("sourceCustomerId", request.source() + "/" + request.sourceCustomerId()
                    + " is not a source customer of " + customerNumber);
        }
        if (store.sourceCustomersOf(customerNumber) < 2) {
            throw invalid("sourceCustomerId", "the customer's only source customer cannot be split out");
        }
        GoldenRecordEntity split = new GoldenRecordEntity();
        split.customerNumber = goldenRecords.nextCustomerNumber();
        split.setAttributes(from.attributes());
        split.qualityIssues = "[]";
        split.lineage = "{}";
        split.status = "ACTIVE";
        split.version = 1;
        split.createdAt = OffsetDateTime.now();
        split.updatedAt = split.createdAt;
        // Not valid until survivorship settles its own attributes: it must not collide with the original's id.
        split.idValid = false;
        split.idNumber = null;
        goldenRecords.persist(split);
        store.moveSourceCustomer(request.source(), request.sourceCustomerId(), split.customerNumber);
        var remaining = consolidation.survivorsOf(from.customerNumber).attributes();
        var leaving = consolidation.survivorsOf(split.customerNumber).attributes();
        if (remaining.idNumber() != null && Objects.equals(remaining.idType(), leaving.idType())
                && Objects.equals(remaining.idNumber(), leaving.idNumber())) {
            throw conflict("Both sides would carry the id " + remaining.idNumber()
                    + ": by rule they are one party. Correct the source record instead.");
        }
        CustomerEvent.SourceReference cause = new CustomerEvent.SourceReference(request.source(),
                request.sourceCustomerId(), null);
        goldenRecords.touch(from);
        events.publish(new CustomerEvent.CustomerSplit(from.customerNumber, from.customerNumber, split.customerNumber,
                request.source(), request.sourceCustomerId(), request.operator(), request.reason()), from.version);
        consolidation.refreshAfterStewardship(from, cause, false);
        consolidation.refreshAfterStewardship(split, cause, true);
        store.decide(from.customerNumber, split.customerNumber, "CANNOT_LINK", request.operator(), request.reason());
        store.audit("SPLIT", "{\"from\": \"" + from.customerNumber + "\", \"newCustomer\": \"" + split.customerNumber
                + "\"}", request.operator(), request.reason());
        return new SplitResult(from.customerNumber, split.customerNumber);
    }

    private GoldenRecordEntity active(String customerNumber) {
        GoldenRecordEntity g = goldenRecords.findById(customerNumber);
        if (g == null || !"ACTIVE".equals(g.status)) {
            throw ProblemException.notFound("Active customer " + customerNumber);
        }
        return g;
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "is required");
        }
    }

    private static ProblemException invalid(String field, String reason) {
        return new ProblemException(Problem.of(400, "validation", "Invalid request", field + " " + reason)
                .withErrors(List.of(new Problem.InvalidField(null, field, reason))));
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "steward-conflict", "Refused", detail));
    }
}
