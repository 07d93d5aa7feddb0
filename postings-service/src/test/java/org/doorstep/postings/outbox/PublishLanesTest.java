package org.doorstep.postings.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** A document's publishing runs one at a time, in the order asked for, and never re-sends what a run got acknowledged. */
class PublishLanesTest {

    private final PublishLanes lanes = new PublishLanes();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void runsOfOneDocumentDoNotOverlapAndKeepTheirOrder() {
        Mono<Boolean> first = lanes.run("postings", "p-1", Mono.just(List.of(entry("e1"))), slow("first", 200));
        Mono<Boolean> second = lanes.run("postings", "p-1", Mono.just(List.of(entry("e2"))), slow("second", 0));

        assertThat(second.block(Duration.ofSeconds(5))).isTrue();
        assertThat(first.block(Duration.ofSeconds(5))).isTrue();
        assertThat(log).containsExactly("first start [e1]", "first end", "second start [e2]", "second end");
    }

    @Test
    void runsOfDifferentDocumentsDoNotWaitForEachOther() {
        Mono<Boolean> slowOne = lanes.run("postings", "p-1", Mono.just(List.of(entry("e1"))), slow("slow", 300));
        Mono<Boolean> other = lanes.run("postings", "p-2", Mono.just(List.of(entry("e2"))), slow("other", 0));

        other.block(Duration.ofSeconds(5));
        slowOne.block(Duration.ofSeconds(5));
        assertThat(log.indexOf("other end")).isLessThan(log.indexOf("slow end"));
    }

    @Test
    void aLaterRunLeavesOutWhatAnEarlierRunGotAcknowledged() {
        // the second write's document still listed e1: it was read before the first run marked e1 sent
        Mono<Boolean> first = lanes.run("postings", "p-1", Mono.just(List.of(entry("e1"))), slow("first", 100));
        Mono<Boolean> second = lanes.run("postings", "p-1", Mono.just(List.of(entry("e1"), entry("e2"))),
                slow("second", 0));

        first.block(Duration.ofSeconds(5));
        second.block(Duration.ofSeconds(5));
        assertThat(log).contains("second start [e2]");
    }

    @Test
    void entriesThatWereNotAcknowledgedAreOfferedAgain() {
        lanes.run("postings", "p-1", Mono.just(List.of(entry("e1"))), entries -> {
            log.add("failed " + ids(entries));
            return Mono.just(false);
        });
        lanes.run("postings", "p-1", Mono.just(List.of(entry("e1"), entry("e2"))), slow("retry", 0))
                .block(Duration.ofSeconds(5));

        assertThat(log).containsExactly("failed [e1]", "retry start [e1, e2]", "retry end");
    }

    private java.util.function.Function<List<OutboxEntry>, Mono<Boolean>> slow(String name, long millis) {
        return entries -> Mono.fromRunnable(() -> log.add(name + " start " + ids(entries)))
                .then(Mono.delay(Duration.ofMillis(millis)))
                .then(Mono.fromCallable(() -> log.add(name + " end")))
                .thenReturn(true);
    }

    private static List<String> ids(List<OutboxEntry> entries) {
        return entries.stream().map(OutboxEntry::ceId).toList();
    }

    private static OutboxEntry entry(String ceId) {
        return new OutboxEntry(ceId, "org.doorstep.posting.upserted.v1", "doorstep.postings.v1", "p-1", "p-1",
                Instant.parse("2026-12-02T10:00:00Z"), "{}");
    }
}
