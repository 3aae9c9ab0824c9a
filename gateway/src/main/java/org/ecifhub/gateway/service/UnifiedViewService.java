package org.ecifhub.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import org.ecifhub.gateway.config.GatewayConfig;
import org.ecifhub.gateway.domain.Service;
import org.ecifhub.gateway.domain.ViewSection;
import org.ecifhub.gateway.persistence.ViewStore;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * The unified customer view: the golden record (with its sources and holdings), relationships, score, owners and
 * visits in one answer. The services are called in parallel, each call within a timeout, retried once when the
 * connection was closed under it, and behind a circuit breaker per service (SmallRye Fault Tolerance, programmatic API); a service that fails, is slow or whose breaker
 * is open leaves its sections marked {@code UNAVAILABLE} and the rest of the view still answers. A retired customer
 * number answers with the survivor's view and names the retired number in {@code redirectedFrom}.
 *
 * <p>The services' answers come through {@link ViewSections}: a section the gateway's store holds, unchanged since
 * as far as the events say, is not asked for again; {@link #refresh} reads a customer's sections into the store in
 * the background. Each view is built from its own parsed copy of the stored answers, so masking the view for one
 * caller never touches what the next caller gets.
 */
@ApplicationScoped
public class UnifiedViewService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(UnifiedViewService.class);

    public static final String AVAILABLE = "AVAILABLE";
    public static final String UNAVAILABLE = "UNAVAILABLE";
    /** The service answered and has nothing for this customer (e.g. not scored yet). */
    public static final String NONE = "NONE";

    /** The customer number is unknown to customer-master. */
    public static final class NoSuchCustomer extends RuntimeException {
        public NoSuchCustomer(String customerNumber) {
            super("Customer " + customerNumber + " not found");
        }
    }

    /** A service answered with a server error: counts against its circuit breaker. */
    static final class UpstreamError extends RuntimeException {
        UpstreamError(String message) {
            super(message, null, false, false);
        }
    }

    private static final TypeLiteral<CompletionStage<Upstreams.JsonAnswer>> ANSWER = new TypeLiteral<>() {
    };

    private final Upstreams upstreams;
    private final ViewSections sections;
    private static final ObjectMapper mapper = new ObjectMapper();
    private final GatewayConfig config;
    private final Map<Service, TypedGuard<CompletionStage<Upstreams.JsonAnswer>>> guards = new EnumMap<>(Service.class);
    private final Map<Service, TypedGuard<CompletionStage<Upstreams.JsonAnswer>>> refreshGuards =
            new EnumMap<>(Service.class);

    public UnifiedViewService(Upstreams upstreams, ViewSections sections, GatewayConfig config) {
        this.upstreams = upstreams;
        this.sections = sections;
        this.config = config;
        for (Service s : Service.values()) {
            guards.put(s, guard(s, "view"));
            // The background refresh has breakers of its own: a backlog that overloads a service must not open
            // the breaker in front of the views people are waiting for.
            refreshGuards.put(s, guard(s, "view-refresh"));
        }
    }

    private TypedGuard<CompletionStage<Upstreams.JsonAnswer>> guard(Service s, String use) {
        GatewayConfig.View v = config.view();
        return TypedGuard.create(ANSWER)
                .withDescription(use + ": " + s)
                .withTimeout().duration(v.sectionTimeout().toMillis(), ChronoUnit.MILLIS).done()
                // A pooled keep-alive connection closed meanwhile (by the service, or expiring in the pool together
                // with its siblings from the same burst): try again, at most twice, on another one.
                .withRetry().maxRetries(2).delay(0, ChronoUnit.MILLIS)
                .retryOn(io.vertx.core.http.HttpClosedException.class).done()
                .withCircuitBreaker()
                .name("gateway-" + use + "-" + s.name().toLowerCase(Locale.ROOT))
                .requestVolumeThreshold(v.breakerVolume())
                .failureRatio(v.breakerFailureRatio())
                .delay(v.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                .done()
                .withThreadOffload(false)
                .build();
    }

    /** The view of {@code customerNumber}; fails with {@link NoSuchCustomer} when customer-master knows no such number. */
    public CompletionStage<ObjectNode> view(String customerNumber) {
        return sections.snapshot(customerNumber).thenCompose(stored -> golden(stored).handle((answer, err) -> {
            if (err == null && answer.status() == 404) {
                throw new NoSuchCustomer(customerNumber);
            }
            return new Golden(err == null ? answer : null, err);
        }).thenCompose(golden -> {
            String survivor = golden.answer() != null && golden.answer().body() != null
                    ? golden.answer().body().path("customerNumber").asText(customerNumber) : customerNumber;
            CompletionStage<ViewStore.Snapshot> survivors = survivor.equals(customerNumber)
                    ? CompletableFuture.completedFuture(stored) : sections.snapshot(survivor);
            return survivors.thenCompose(held -> assemble(customerNumber, survivor, golden, held));
        }));
    }

    private CompletionStage<ObjectNode> assemble(String customerNumber, String survivor, Golden golden,
                                                 ViewStore.Snapshot held) {
        CompletableFuture<ObjectNode> relationships = section(held, ViewSection.RELATIONSHIPS);
        CompletableFuture<ObjectNode> score = section(held, ViewSection.SCORE);
        CompletableFuture<ObjectNode> owners = section(held, ViewSection.OWNERS);
        CompletableFuture<ObjectNode> visits = section(held, ViewSection.VISITS);
        return CompletableFuture.allOf(relationships, score, owners, visits).thenApply(done -> {
            ObjectNode view = mapper.createObjectNode();
            view.put("customerNumber", survivor);
            String redirected = golden.answer() != null && golden.answer().body() != null
                    ? golden.answer().body().path("redirectedFrom").asText(null) : null;
            if (redirected == null && !survivor.equals(customerNumber)) {
                redirected = customerNumber;
            }
            view.put("redirectedFrom", redirected);
            view.put("retired", redirected != null);
            ObjectNode customer = golden.answer() != null ? sectionOf(golden.answer()) : unavailable(golden.error());
            view.set("customer", customer);
            view.set("relationships", relationships.join());
            view.set("score", score.join());
            view.set("owners", owners.join());
            view.set("visits", lastAndNext(visits.join()));
            ArrayNode missing = view.putArray("unavailable");
            for (String name : new String[] {"customer", "relationships", "score", "owners", "visits"}) {
                if (UNAVAILABLE.equals(view.path(name).path("status").asText())) {
                    missing.add(name);
                }
            }
            view.put("complete", missing.isEmpty());
            return view;
        });
    }

    /**
     * Reads the customer's sections from the services into the store at {@code generation} (the background
     * refresh). A number customer-master does not know, or that a merge retired, keeps no sections of its own: the
     * view of a retired number is the survivor's. Completes with whether every service answered (an answer not worth
     * storing, such as a 4xx, counts as answered: asking again would not change it); fails when customer-master
     * did not answer.
     */
    public CompletionStage<Boolean> refresh(String customerNumber, long generation) {
        return load(refreshGuards, customerNumber, ViewSection.CUSTOMER).thenCompose(golden -> {
            if (golden.status() == 404 || (ViewSections.worthKeeping(golden) && !ownRecord(customerNumber, golden))) {
                return sections.store(customerNumber, generation, Map.of(), true).thenApply(v -> true);
            }
            Map<ViewSection, CompletableFuture<Upstreams.JsonAnswer>> loads = new EnumMap<>(ViewSection.class);
            for (ViewSection s : ViewSection.values()) {
                if (s != ViewSection.CUSTOMER) {
                    loads.put(s, load(refreshGuards, customerNumber, s).toCompletableFuture());
                }
            }
            return CompletableFuture.allOf(loads.values().stream()
                            .map(f -> f.handle((a, e) -> null)).toArray(CompletableFuture[]::new))
                    .thenCompose(done -> {
                        Map<ViewSection, ViewStore.Stored> answers = new EnumMap<>(ViewSection.class);
                        if (ViewSections.worthKeeping(golden)) {
                            answers.put(ViewSection.CUSTOMER, ViewSections.kept(golden));
                        }
                        boolean complete = true;
                        for (Map.Entry<ViewSection, CompletableFuture<Upstreams.JsonAnswer>> e : loads.entrySet()) {
                            if (e.getValue().isCompletedExceptionally()) {
                                complete = false;
                            } else if (ViewSections.worthKeeping(e.getValue().join())) {
                                answers.put(e.getKey(), ViewSections.kept(e.getValue().join()));
                            }
                        }
                        boolean answered = complete;
                        return sections.store(customerNumber, generation, answers, false).thenApply(v -> answered);
                    });
        });
    }

    private record Golden(Upstreams.JsonAnswer answer, Throwable error) {
    }

    private CompletionStage<Upstreams.JsonAnswer> call(Map<Service, TypedGuard<CompletionStage<Upstreams.JsonAnswer>>> guarded,
                                                       Service service, String uri) {
        return guarded.get(service).get(() -> upstreams.getJson(service, uri, config.view().sectionTimeout())
                .toCompletionStage()
                .thenApply(answer -> {
                    if (answer.status() >= 500) {
                        throw new UpstreamError(service + " answered " + answer.status());
                    }
                    return answer;
                }));
    }

    /**
     * customer-master's answer to {@code GET /api/v1/customers/{n}} (the golden record now), through the view's
     * store and guards: the gateway answers that read from it too. Fails when customer-master failed, was slow
     * or its breaker is open.
     */
    public CompletionStage<Upstreams.JsonAnswer> customerRecord(String customerNumber) {
        return sections.snapshot(customerNumber).thenCompose(this::golden);
    }

    /**
     * The golden record asked for by the snapshot's number. Stored only when it is that customer's own: a retired
     * number's answer is the survivor's record, which the survivor's events would not move on under the retired key;
     * and never a 404, or any number anyone asks for would take room in the store.
     */
    private CompletionStage<Upstreams.JsonAnswer> golden(ViewStore.Snapshot stored) {
        String customerNumber = stored.customerNumber();
        return sections.get(stored, ViewSection.CUSTOMER, () -> load(customerNumber, ViewSection.CUSTOMER),
                answer -> answer.status() != 404 && ownRecord(customerNumber, answer));
    }

    private static boolean ownRecord(String customerNumber, Upstreams.JsonAnswer answer) {
        return customerNumber.equals(answer.body().path("customerNumber").asText(customerNumber));
    }

    private CompletableFuture<ObjectNode> section(ViewStore.Snapshot held, ViewSection section) {
        return sections.get(held, section, () -> load(held.customerNumber(), section), answer -> true)
                .handle((answer, err) -> err != null ? unavailable(err) : sectionOf(answer))
                .toCompletableFuture();
    }

    /** Asks the section's service for it, for a view. */
    private CompletionStage<Upstreams.JsonAnswer> load(String customerNumber, ViewSection section) {
        return load(guards, customerNumber, section);
    }

    /** Asks the section's service for it, behind {@code guarded}. */
    private CompletionStage<Upstreams.JsonAnswer> load(Map<Service, TypedGuard<CompletionStage<Upstreams.JsonAnswer>>> guarded,
                                                       String customerNumber, ViewSection section) {
        String n = enc(customerNumber);
        return switch (section) {
            case CUSTOMER -> call(guarded, Service.CUSTOMER_MASTER, "/api/v1/customers/" + n);
            case RELATIONSHIPS -> call(guarded, Service.CUSTOMER_MASTER, "/api/v1/customers/" + n + "/relationships");
            case SCORE -> call(guarded, Service.CONTRIBUTION_SCORING, "/api/v1/customers/" + n + "/score");
            case OWNERS -> call(guarded, Service.MANAGER_ASSIGNMENT, "/api/v1/customers/" + n + "/owners");
            case VISITS -> call(guarded, Service.MANAGER_ASSIGNMENT, "/api/v1/visits?customer=" + n);
        };
    }

    private ObjectNode sectionOf(Upstreams.JsonAnswer answer) {
        ObjectNode section = mapper.createObjectNode();
        if (answer.status() == 404) {
            section.put("status", NONE);
        } else if (!answer.ok() || answer.body() == null) {
            LOG.warnf("A unified-view section is unavailable: the service answered HTTP %d", answer.status());
            section.put("status", UNAVAILABLE).put("reason", "answered HTTP " + answer.status());
        } else {
            // The caller's own tree (ViewSections gives each caller a tree of its own): masked in place below.
            section.put("status", AVAILABLE).set("data", answer.body());
        }
        return section;
    }

    private ObjectNode unavailable(Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        LOG.warnf("A unified-view section is unavailable: %s: %s", cause.getClass().getSimpleName(), cause.getMessage());
        String reason;
        if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
            reason = "did not answer in time";
        } else if (cause.getClass().getSimpleName().equals("CircuitBreakerOpenException")) {
            reason = "circuit breaker open after repeated failures";
        } else {
            reason = "not reachable: " + Optional.ofNullable(cause.getMessage()).orElse(cause.getClass().getSimpleName());
        }
        return mapper.createObjectNode().put("status", UNAVAILABLE).put("reason", reason);
    }

    /** The visit list reduced to the last visit and the next one it planned. */
    private ObjectNode lastAndNext(ObjectNode visits) {
        if (!AVAILABLE.equals(visits.path("status").asText()) || !visits.path("data").isArray()) {
            return visits;
        }
        JsonNode last = null;
        for (JsonNode v : visits.path("data")) {
            if (last == null || v.path("date").asText("").compareTo(last.path("date").asText("")) > 0) {
                last = v;
            }
        }
        ObjectNode data = mapper.createObjectNode();
        data.set("last", last);
        data.put("next", last == null ? null : last.path("nextDate").asText(null));
        data.put("count", visits.path("data").size());
        ObjectNode section = mapper.createObjectNode().put("status", last == null ? NONE : AVAILABLE);
        section.set("data", data);
        return section;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
