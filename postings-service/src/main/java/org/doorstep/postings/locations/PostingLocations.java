package org.doorstep.postings.locations;

import reactor.core.publisher.Mono;

/** The open postings' coordinates, counted into a grid by the store as it reads them (the port of {@link PostingMap}). */
public interface PostingLocations {

    /** Every open posting, counted with its vacancies into {@code counter}. */
    Mono<PostingMap.Counter> countInto(PostingMap.Counter counter);
}
