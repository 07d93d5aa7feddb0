package org.doorstep.seekers.seeker;

import java.util.List;

import reactor.core.publisher.Mono;

/** Where seekers live, together with the events still to be published (outbox inside the document). */
public interface SeekerRepository {

    Mono<Void> insert(Seeker seeker, List<SeekerEvent> events);

    /** Writes {@code after} only if the stored version is still {@code expectedVersion}; else {@link ConcurrentChange}. */
    Mono<Void> update(Seeker after, long expectedVersion, List<SeekerEvent> events);

    Mono<Seeker> find(String seekerId);

    /**
     * Removes every personal field at once and keeps only the erasure events to publish; the remaining stub
     * is deleted when they are published. Records the id as erased so its tokens are refused.
     */
    Mono<Void> erase(SeekerEvent.SeekerErased erased);
}
