package org.ecifhub.customermaster.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ecifhub.commons.problem.JsonPaths;
import org.ecifhub.customermaster.config.CustomerMasterConfig;
import org.ecifhub.customermaster.domain.FeedRecord;
import org.ecifhub.customermaster.domain.FeedRecordRules;
import org.ecifhub.customermaster.domain.FieldError;
import org.ecifhub.customermaster.persistence.SourceRecordStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes a batch of feed records: each record is checked on its own and consolidated in its own transaction, so
 * the good records of a batch land while the bad ones are kept, with their reasons, in {@code rejected_record}.
 */
@ApplicationScoped
public class FeedIngestionService {

    /** One element of a batch: the parsed JSON, or why it could not be parsed. */
    public record RawRecord(int index, JsonNode json, String rawText, FieldError parseError) {
    }

    public record Rejection(int index, String sourceCustomerId, List<FieldError> errors) {
    }

    public record Accepted(int index, String sourceCustomerId, String customerNumber,
                           ConsolidationService.Outcome outcome) {
    }

    public record BatchResult(List<Accepted> accepted, List<Rejection> rejected) {
    }

    private final ConsolidationService consolidation;
    private final BulkConsolidationService bulk;
    private final SourceRecordStore store;
    private final ObjectMapper mapper;
    private final CustomerMasterConfig config;

    public FeedIngestionService(ConsolidationService consolidation, BulkConsolidationService bulk,
                                SourceRecordStore store, ObjectMapper mapper,
                                CustomerMasterConfig config) {
        this.bulk = bulk;
        this.consolidation = consolidation;
        this.store = store;
        this.mapper = mapper;
        this.config = config;
    }

    public boolean isKnownSource(String source) {
        return config.sources().contains(source);
    }

    public BatchResult ingest(String source, List<RawRecord> batch) {
        return ingest(source, batch, null);
    }

    /** @param importJob the bulk import the batch belongs to, so that its rejected records can be listed */
    public BatchResult ingest(String source, List<RawRecord> batch, java.util.UUID importJob) {
        List<Accepted> accepted = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (RawRecord raw : batch) {
            Checked checked = check(source, raw);
            if (checked.rejection() != null) {
                rejected.add(checked.rejection());
                store.reject(source, raw.index(), toJson(checked.rejection().errors()), raw.rawText(), importJob);
                continue;
            }
            ConsolidationService.Result result = consolidation.consolidate(checked.record());
            accepted.add(new Accepted(raw.index(), checked.record().sourceCustomerId(), result.customerNumber(),
                    result.outcome()));
        }
        return new BatchResult(accepted, rejected);
    }

    /**
     * A bulk import's batch, checked and prepared: the good records ready for set-based consolidation, the bad ones
     * with their reasons. Made without the database, so an import checks the next batch while the current one is
     * written.
     */
    public record CheckedBatch(String source, List<Rejection> rejected, List<String> rejectedRaw,
                               List<Integer> goodIndex, List<FeedRecord> good,
                               BulkConsolidationService.Prepared prepared) {
    }

    /** Parses, checks and prepares a bulk import's batch; touches no database. */
    public CheckedBatch checkBatch(String source, List<RawRecord> batch) {
        List<Rejection> rejected = new ArrayList<>();
        List<String> rejectedRaw = new ArrayList<>();
        List<FeedRecord> good = new ArrayList<>();
        List<Integer> goodIndex = new ArrayList<>();
        for (RawRecord raw : batch) {
            Checked checked = check(source, raw);
            if (checked.rejection() != null) {
                rejected.add(checked.rejection());
                rejectedRaw.add(raw.rawText());
            } else {
                good.add(checked.record());
                goodIndex.add(raw.index());
            }
        }
        return new CheckedBatch(source, rejected, rejectedRaw, goodIndex, good, bulk.prepare(good));
    }

    /**
     * A bulk import's batch in ONE transaction, together with the job's progress: the good records consolidated
     * set-based ({@link BulkConsolidationService}), the bad ones kept with their reasons. Either the whole batch
     * and its progress commit, or none of it (and the import resumes at this batch).
     */
    @Transactional
    public BatchResult ingestBatch(CheckedBatch batch, java.util.UUID importJob,
                                   java.util.function.Consumer<BatchResult> progress) {
        for (int i = 0; i < batch.rejected().size(); i++) {
            Rejection r = batch.rejected().get(i);
            store.keepRejected(batch.source(), r.index(), toJson(r.errors()), batch.rejectedRaw().get(i), importJob);
        }
        List<Accepted> accepted = new ArrayList<>();
        if (!batch.good().isEmpty()) {
            for (BulkConsolidationService.Placed placed : bulk.consolidate(batch.prepared())) {
                FeedRecord r = batch.good().get(placed.position());
                accepted.add(new Accepted(batch.goodIndex().get(placed.position()), r.sourceCustomerId(),
                        placed.customerNumber(), placed.outcome()));
            }
        }
        BatchResult result = new BatchResult(accepted, batch.rejected());
        progress.accept(result);
        return result;
    }

    private record Checked(FeedRecord record, Rejection rejection) {
    }

    /** Parses and checks one record: the record, or why it is refused. */
    private Checked check(String source, RawRecord raw) {
        List<FieldError> errors = new ArrayList<>();
        FeedRecord record = null;
        if (raw.parseError() != null) {
            errors.add(raw.parseError());
        } else {
            try {
                record = mapper.treeToValue(raw.json(), FeedRecord.class);
                errors.addAll(FeedRecordRules.check(record, source, config.sources()));
            } catch (JsonMappingException e) {
                String field = JsonPaths.of(e.getPath());
                errors.add(new FieldError(field == null ? "(record)" : field, JsonPaths.reason(e)));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                errors.add(new FieldError("(record)", e.getMessage()));
            }
        }
        if (errors.isEmpty()) {
            return new Checked(record, null);
        }
        String sourceCustomerId = raw.json() != null && raw.json().path("sourceCustomerId").isTextual()
                ? raw.json().path("sourceCustomerId").asText() : null;
        return new Checked(null, new Rejection(raw.index(), sourceCustomerId, errors));
    }

    private String toJson(List<FieldError> errors) {
        try {
            return mapper.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
