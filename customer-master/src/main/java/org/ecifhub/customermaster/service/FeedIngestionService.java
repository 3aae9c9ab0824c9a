package org.ecifhub.customermaster.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
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
    private final SourceRecordStore store;
    private final ObjectMapper mapper;
    private final CustomerMasterConfig config;

    public FeedIngestionService(ConsolidationService consolidation,
                                SourceRecordStore store, ObjectMapper mapper,
                                CustomerMasterConfig config) {
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
            if (!errors.isEmpty()) {
                String sourceCustomerId = raw.json() != null && raw.json().path("sourceCustomerId").isTextual()
                        ? raw.json().path("sourceCustomerId").asText() : null;
                rejected.add(new Rejection(raw.index(), sourceCustomerId, errors));
                store.reject(source, raw.index(), toJson(errors), raw.rawText(), importJob);
                continue;
            }
            ConsolidationService.Result result = consolidation.consolidate(record);
            accepted.add(new Accepted(raw.index(), record.sourceCustomerId(), result.customerNumber(), result.outcome()));
        }
        return new BatchResult(accepted, rejected);
    }

    private String toJson(List<FieldError> errors) {
        try {
            return mapper.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
