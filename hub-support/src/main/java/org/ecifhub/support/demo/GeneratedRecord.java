package org.ecifhub.support.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * One generated feed record and the real party it describes. The party id is ground truth for measuring
 * matching and deliberately not part of {@link #json()}, which is exactly what the source system would send.
 *
 * @param json the canonical feed record; mutable, as Jackson trees are, so copy it before changing it
 */
public record GeneratedRecord(FeedSource source, String sourceCustomerId, String partyId, ObjectNode json) {

    /** The header line of the ground-truth CSV. */
    public static final String TRUTH_HEADER = "source,sourceCustomerId,partyId";

    private static final ObjectWriter JSON = new ObjectMapper().writer();

    /** The record as one NDJSON line, newline included. */
    public String jsonLine() {
        try {
            return JSON.writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; this would be a Jackson bug.
            throw new UncheckedIOException(e);
        }
    }

    /** The record's ground-truth CSV line ({@value #TRUTH_HEADER}), newline included. */
    public String truthLine() {
        return source + "," + sourceCustomerId + "," + partyId + "\n";
    }
}
