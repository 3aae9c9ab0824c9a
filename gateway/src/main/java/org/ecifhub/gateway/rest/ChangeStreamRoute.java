package org.ecifhub.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.ecifhub.gateway.config.GatewayConfig;
import org.ecifhub.gateway.domain.Caller;
import org.ecifhub.gateway.domain.ChangeEvent;
import org.ecifhub.gateway.domain.ChangeFilter;
import org.ecifhub.gateway.persistence.ChangeJournal;
import org.ecifhub.gateway.service.PersonalDataMasker;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /api/v1/stream/changes}: Server-Sent Events from the change journal (ecif.customer.v1, ecif.tier.v1,
 * ecif.ownership.v1). Each event's SSE {@code id} is its journal position, so a client that reconnects with
 * {@code Last-Event-ID} (or {@code ?lastEventId=}) gets every matching event it missed, within the journal's
 * retention. Filters: {@code type} (repeatable or comma-separated), {@code branch}, {@code tier}. A branch-scoped
 * caller sees its own branch only; personal data in the events is always masked.
 */
@ApplicationScoped
public class ChangeStreamRoute {

    private static final Logger LOG = Logger.getLogger(ChangeStreamRoute.class);
    private static final int BATCH = 200;

    private final ChangeJournal journal;
    private final PersonalDataMasker masker;
    private static final ObjectMapper mapper = new ObjectMapper();
    private final GatewayConfig config;

    public ChangeStreamRoute(ChangeJournal journal, PersonalDataMasker masker,
                             GatewayConfig config) {
        this.journal = journal;
        this.masker = masker;
        this.config = config;
    }

    void routes(@Observes Router router) {
        router.get("/api/v1/stream/changes").order(-5).handler(this::open);
    }

    private void open(RoutingContext ctx) {
        Caller caller = GatewaySecurity.caller(ctx).orElse(null);
        Set<String> types = new LinkedHashSet<>();
        ctx.queryParam("type").forEach(t -> Arrays.stream(t.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).forEach(types::add));
        ChangeFilter asked = new ChangeFilter(types, ctx.queryParams().get("branch"), ctx.queryParams().get("tier"));
        Optional<ChangeFilter> scoped = caller == null ? Optional.of(asked) : asked.scopedTo(caller);
        if (scoped.isEmpty()) {
            Problems.send(ctx.response(), 403, "out-of-scope", "Forbidden",
                    "These changes are not within your data scope");
            return;
        }
        String resume = ctx.request().getHeader("Last-Event-ID");
        if (resume == null) {
            resume = ctx.queryParams().get("lastEventId");
        }
        Long from;
        try {
            from = resume == null || resume.isBlank() ? null : Long.parseLong(resume.strip());
        } catch (NumberFormatException e) {
            Problems.send(ctx.response(), Problems.invalid("Last-Event-ID", "must be an event id this stream sent (a number)"));
            return;
        }
        ChangeFilter filter = scoped.get();
        ctx.vertx().executeBlocking(() -> from != null ? from : journal.head(), false).onComplete(start -> {
            if (start.failed()) {
                Problems.send(ctx.response(), 503, "stream-unavailable", "Change stream unavailable",
                        "The change journal could not be read; try again later");
                return;
            }
            stream(ctx, filter, caller != null, start.result());
        });
    }

    private void stream(RoutingContext ctx, ChangeFilter filter, boolean mask, long start) {
        HttpServerResponse response = ctx.response();
        response.setChunked(true).setStatusCode(200)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write("retry: 2000\n: connected at " + start + "\n\n");
        AtomicLong position = new AtomicLong(start);
        AtomicBoolean busy = new AtomicBoolean();
        AtomicBoolean closed = new AtomicBoolean();
        long poll = ctx.vertx().setPeriodic(config.stream().pollInterval().toMillis(), id -> {
            if (closed.get() || !busy.compareAndSet(false, true)) {
                return;
            }
            ctx.vertx().executeBlocking(() -> render(journal.after(position.get(), filter, BATCH), mask), false)
                    .onComplete(r -> {
                        busy.set(false);
                        if (closed.get()) {
                            return;
                        }
                        if (r.failed()) {
                            LOG.warnf("Change stream read failed: %s", r.cause().getMessage());
                            return;
                        }
                        for (Rendered e : r.result()) {
                            response.write(e.text());
                            position.set(e.sequence());
                        }
                    });
        });
        long beat = ctx.vertx().setPeriodic(config.stream().heartbeat().toMillis(), id -> {
            if (!closed.get()) {
                response.write(": keep-alive\n\n");
            }
        });
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                ctx.vertx().cancelTimer(poll);
                ctx.vertx().cancelTimer(beat);
            }
        };
        response.closeHandler(v -> close.run());
        response.exceptionHandler(e -> close.run());
        ctx.request().connection().closeHandler(v -> close.run());
    }

    private record Rendered(long sequence, String text) {
    }

    private List<Rendered> render(List<ChangeEvent> events, boolean mask) throws Exception {
        List<Rendered> out = new ArrayList<>(events.size());
        for (ChangeEvent e : events) {
            JsonNode envelope = mapper.readTree(e.envelopeJson());
            if (mask) {
                masker.mask(envelope);
            }
            var data = mapper.createObjectNode();
            data.put("topic", e.topic());
            data.put("branch", e.branch());
            data.put("tier", e.tier());
            data.set("event", envelope);
            out.add(new Rendered(e.sequence(), "id: " + e.sequence() + "\nevent: " + e.eventType() + "\ndata: "
                    + data.toString() + "\n\n"));
        }
        return out;
    }
}
