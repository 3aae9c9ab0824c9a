package org.ecifhub.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.gateway.domain.RouteTable;
import org.ecifhub.gateway.domain.Service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One OpenAPI document for every public path: the gateway's own document, plus each service's paths that the
 * gateway routes to it, fetched from the service's {@code /q/openapi} when asked for. Component schemas are merged by
 * name (the first definition of a name wins; a differing one is named in {@code x-ecif-schema-conflicts}). A service
 * that does not answer is named in {@code x-ecif-unavailable} and its paths are left out.
 */
@ApplicationScoped
public class OpenApiAggregator {

    private static final ObjectMapper mapper = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Upstreams upstreams;

    public OpenApiAggregator(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    /** Merges {@code own} (the gateway's document) with the services' documents. */
    public Future<ObjectNode> aggregate(JsonNode own) {
        List<Future<Upstreams.JsonAnswer>> docs = new ArrayList<>();
        for (Service s : Service.values()) {
            docs.add(upstreams.getJson(s, "/q/openapi?format=json", TIMEOUT)
                    .otherwise(err -> new Upstreams.JsonAnswer(503, null)));
        }
        return Future.join(docs).map(done -> {
            ObjectNode merged = own.deepCopy();
            ObjectNode paths = merged.with("paths");
            ObjectNode schemas = merged.with("components").with("schemas");
            ArrayNode unavailable = mapper.createArrayNode();
            ArrayNode conflicts = mapper.createArrayNode();
            Service[] services = Service.values();
            for (int i = 0; i < services.length; i++) {
                Service service = services[i];
                Upstreams.JsonAnswer doc = docs.get(i).result();
                String name = service.name().toLowerCase(Locale.ROOT).replace('_', '-');
                if (!doc.ok() || doc.body() == null) {
                    unavailable.add(name);
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = doc.body().path("paths").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> path = it.next();
                    String concrete = path.getKey().replaceAll("\\{[^}]+}", "x");
                    if (RouteTable.answeredByGateway(concrete)
                            || RouteTable.serviceFor(concrete).filter(service::equals).isEmpty()
                            || paths.has(path.getKey())) {
                        continue;
                    }
                    ObjectNode item = path.getValue().deepCopy();
                    item.fields().forEachRemaining(op -> {
                        if (op.getValue().isObject()) {
                            ObjectNode operation = (ObjectNode) op.getValue();
                            operation.put("x-ecif-service", name);
                            operation.putArray("security").addObject().putArray("bearer");
                        }
                    });
                    paths.set(path.getKey(), item);
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = doc.body().path("components").path("schemas").fields();
                     it.hasNext(); ) {
                    Map.Entry<String, JsonNode> schema = it.next();
                    JsonNode existing = schemas.get(schema.getKey());
                    if (existing == null) {
                        schemas.set(schema.getKey(), schema.getValue());
                    } else if (!existing.equals(schema.getValue())) {
                        conflicts.add(name + ":" + schema.getKey());
                    }
                }
            }
            ObjectNode info = merged.with("info");
            info.put("title", "ECIF Hub API (through the gateway)");
            if (!unavailable.isEmpty()) {
                info.set("x-ecif-unavailable", unavailable);
            }
            if (!conflicts.isEmpty()) {
                info.set("x-ecif-schema-conflicts", conflicts);
            }
            return merged;
        });
    }
}
