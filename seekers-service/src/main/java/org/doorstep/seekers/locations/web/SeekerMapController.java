package org.doorstep.seekers.locations.web;

import io.swagger.v3.oas.annotations.Operation;
import org.doorstep.seekers.locations.SeekerLocations;
import org.doorstep.seekers.locations.SeekerMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Where seekers are, counted in grid cells, for the operators' map. */
@RestController
class SeekerMapController {

    private final SeekerLocations locations;
    private final int minSeekers;

    SeekerMapController(SeekerLocations locations, @Value("${doorstep.locations.min-seekers:5}") int minSeekers) {
        this.locations = locations;
        this.minSeekers = Math.max(1, minSeekers);
    }

    @Operation(summary = "Seekers counted in cells of a 0.1 degree grid, for operators and auditors",
            description = "`{cellDegrees, minSeekers, cells: [{lat, lon, seekers}], hidden}`: each cell by its centre; "
                    + "cells with fewer than `minSeekers` seekers (`doorstep.locations.min-seekers`, 5) are left out "
                    + "and their seekers counted in `hidden`, so that no cell points at a few people. Erased seekers "
                    + "and seekers without a location are not counted.")
    @GetMapping(path = "/api/v1/seekers:locations", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<SeekerMap> map() {
        return locations.countInto(new SeekerMap.Counter()).map(counter -> counter.map(minSeekers));
    }
}
