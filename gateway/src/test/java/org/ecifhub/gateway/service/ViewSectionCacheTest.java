package org.ecifhub.gateway.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.ecifhub.gateway.domain.ViewSection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache's rules on its own, with a clock of its own: what is kept, shared, dropped and for how long. */
class ViewSectionCacheTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ViewSectionCache cache = new ViewSectionCache(true, 100, Duration.ofMinutes(5), now::get, registry);
    private final AtomicInteger loads = new AtomicInteger();

    private Supplier<CompletionStage<Upstreams.JsonAnswer>> answering(int status) {
        return () -> {
            loads.incrementAndGet();
            return CompletableFuture.completedFuture(new Upstreams.JsonAnswer(status,
                    JsonNodeFactory.instance.objectNode().put("n", loads.get())));
        };
    }

    private int answerOf(String customer, ViewSection section, Supplier<CompletionStage<Upstreams.JsonAnswer>> load) {
        return cache.get(customer, section, load).toCompletableFuture().join().body().path("n").asInt();
    }

    private double count(String section, String result) {
        return registry.get("ecif.gateway.view.cache.requests").tag("section", section).tag("result", result)
                .counter().count();
    }

    @Test
    void notFollowingTheEventsTheCacheIsBypassed() {
        answerOf("1", ViewSection.SCORE, answering(200));
        answerOf("1", ViewSection.SCORE, answering(200));
        assertThat(loads).hasValue(2);
        assertThat(count("score", "bypass")).isEqualTo(2);
    }

    @Test
    void anAnswerIsKeptUntilTheTtlOrAnEventAboutTheCustomer() {
        cache.follow();
        assertThat(answerOf("1", ViewSection.SCORE, answering(200))).isEqualTo(1);
        assertThat(answerOf("1", ViewSection.SCORE, answering(200))).isEqualTo(1);
        // Sections and customers are kept apart.
        assertThat(answerOf("1", ViewSection.OWNERS, answering(200))).isEqualTo(2);
        assertThat(answerOf("2", ViewSection.SCORE, answering(200))).isEqualTo(3);
        cache.invalidate(List.of("1"));
        assertThat(answerOf("1", ViewSection.SCORE, answering(200))).isEqualTo(4);
        assertThat(answerOf("2", ViewSection.SCORE, answering(200))).isEqualTo(3);
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        assertThat(answerOf("1", ViewSection.SCORE, answering(200))).isEqualTo(5);
        assertThat(count("score", "hit")).isEqualTo(2);
        assertThat(count("score", "miss")).isEqualTo(4);
        assertThat(registry.get("ecif.gateway.view.cache.invalidations").counter().count()).isEqualTo(1);
    }

    @Test
    void eachCallerGetsATreeOfItsOwnSoMaskingOneNeverReachesTheNext() {
        cache.follow();
        var first = (com.fasterxml.jackson.databind.node.ObjectNode) cache.get("1", ViewSection.CUSTOMER,
                answering(200)).toCompletableFuture().join().body();
        first.put("n", -1).put("masked", true);
        var second = cache.get("1", ViewSection.CUSTOMER, answering(200)).toCompletableFuture().join().body();
        var third = cache.get("1", ViewSection.CUSTOMER, answering(200)).toCompletableFuture().join().body();
        assertThat(loads).hasValue(1);
        assertThat(second.path("n").asInt()).isEqualTo(1);
        assertThat(second.has("masked")).isFalse();
        assertThat(second).isNotSameAs(third).isEqualTo(third);
    }

    @Test
    void notFoundIsKeptButFailuresAndOtherStatusesAreNot() {
        cache.follow();
        answerOf("1", ViewSection.SCORE, answering(404));
        answerOf("1", ViewSection.SCORE, answering(404));
        assertThat(loads).hasValue(1);
        answerOf("1", ViewSection.OWNERS, answering(503));
        answerOf("1", ViewSection.OWNERS, answering(503));
        assertThat(loads).hasValue(3);
        Supplier<CompletionStage<Upstreams.JsonAnswer>> noBody = () -> {
            loads.incrementAndGet();
            return CompletableFuture.completedFuture(new Upstreams.JsonAnswer(200, null));
        };
        cache.get("1", ViewSection.RELATIONSHIPS, noBody).toCompletableFuture().join();
        cache.get("1", ViewSection.RELATIONSHIPS, noBody).toCompletableFuture().join();
        assertThat(loads).hasValue(5);
        Supplier<CompletionStage<Upstreams.JsonAnswer>> failing = () -> {
            loads.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("down"));
        };
        assertThat(cache.get("1", ViewSection.VISITS, failing).toCompletableFuture()).isCompletedExceptionally();
        assertThat(answerOf("1", ViewSection.VISITS, answering(200))).isEqualTo(7);
        // keepIf: the golden record of a retired number (the survivor's) is not kept under the retired number.
        cache.get("9", ViewSection.CUSTOMER, answering(200), answer -> false).toCompletableFuture().join();
        cache.get("9", ViewSection.CUSTOMER, answering(200), answer -> false).toCompletableFuture().join();
        assertThat(loads).hasValue(9);
    }

    @Test
    void callersArrivingWhileALoadIsUnderWayShareItAndALoadOverrunByAnEventIsNotKept() {
        cache.follow();
        CompletableFuture<Upstreams.JsonAnswer> upstream = new CompletableFuture<>();
        AtomicInteger asked = new AtomicInteger();
        Supplier<CompletionStage<Upstreams.JsonAnswer>> slow = () -> {
            asked.incrementAndGet();
            return upstream;
        };
        CompletionStage<Upstreams.JsonAnswer> first = cache.get("1", ViewSection.SCORE, slow);
        CompletionStage<Upstreams.JsonAnswer> second = cache.get("1", ViewSection.SCORE, slow);
        assertThat(asked).hasValue(1);
        // The customer changes while the (old) answer is on its way: it must not be kept.
        cache.invalidate(List.of("1"));
        upstream.complete(new Upstreams.JsonAnswer(200, JsonNodeFactory.instance.objectNode().put("n", 0)));
        assertThat(first.toCompletableFuture().join().body().path("n").asInt()).isZero();
        assertThat(second.toCompletableFuture().join().body().path("n").asInt()).isZero();
        assertThat(answerOf("1", ViewSection.SCORE, answering(200))).isEqualTo(1);
    }

    @Test
    void suspendedTheCacheForgetsEverything() {
        cache.follow();
        answerOf("1", ViewSection.SCORE, answering(200));
        cache.suspend();
        cache.follow();
        assertThat(answerOf("1", ViewSection.SCORE, answering(200))).isEqualTo(2);
    }
}
