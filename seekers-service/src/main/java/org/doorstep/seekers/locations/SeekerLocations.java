package org.doorstep.seekers.locations;

import reactor.core.publisher.Mono;

/** The seekers' coordinates, counted into a grid by the store as it reads them (the port of {@link SeekerMap}). */
public interface SeekerLocations {

    /** Every registered (not erased) seeker with a location, counted into {@code counter}. */
    Mono<SeekerMap.Counter> countInto(SeekerMap.Counter counter);
}
