package org.doorstep.postings.posting.web;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkOrderingTest {

    private final List<String> started = new CopyOnWriteArrayList<>();

    private Mono<String> chunk(String name, Sinks.One<String> finish) {
        return Mono.defer(() -> {
            started.add(name);
            return finish.asMono();
        });
    }

    @Test
    void aChunkSharingAnExternalIdWithOneInFlightWaitsButOthersOverlap() {
        ChunkOrdering ordering = new ChunkOrdering();
        Sinks.One<String> finishFirst = Sinks.one();
        Sinks.One<String> finishSecond = Sinks.one();
        Sinks.One<String> finishThird = Sinks.one();

        Mono<String> first = ordering.schedule(Set.of("A-1", "A-2"), chunk("first", finishFirst));
        first.subscribe();
        Mono<String> second = ordering.schedule(Set.of("B-1"), chunk("second", finishSecond));
        second.subscribe();
        Mono<String> third = ordering.schedule(Set.of("C-1", "A-2"), chunk("third", finishThird));
        third.subscribe();

        // the second names nothing the first names: it runs alongside; the third repeats A-2: it waits
        assertThat(started).containsExactly("first", "second");
        finishFirst.tryEmitValue("1");
        assertThat(started).containsExactly("first", "second");
        finishSecond.tryEmitValue("2");
        assertThat(started).containsExactly("first", "second", "third");
        finishThird.tryEmitValue("3");
        assertThat(third.block()).isEqualTo("3");
    }

    @Test
    void finishedChunksAreForgottenSoALaterRepeatStartsAtOnce() {
        ChunkOrdering ordering = new ChunkOrdering();
        Sinks.One<String> finishFirst = Sinks.one();
        ordering.schedule(Set.of("A-1"), chunk("first", finishFirst)).subscribe();
        finishFirst.tryEmitValue("1");

        ordering.schedule(Set.of("A-1"), chunk("again", Sinks.one())).subscribe();

        assertThat(started).containsExactly("first", "again");
    }

    @Test
    void aFailedChunkStillReleasesTheChunksWaitingForIt() {
        ChunkOrdering ordering = new ChunkOrdering();
        Sinks.One<String> finishFirst = Sinks.one();
        ordering.schedule(Set.of("A-1"), chunk("first", finishFirst)).subscribe(v -> { }, e -> { });
        ordering.schedule(Set.of("A-1"), chunk("second", Sinks.one())).subscribe();

        finishFirst.tryEmitError(new IllegalStateException("store down"));

        assertThat(started).containsExactly("first", "second");
    }
}
