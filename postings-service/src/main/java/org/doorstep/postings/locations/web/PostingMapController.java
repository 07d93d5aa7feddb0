package org.doorstep.postings.locations.web;

import io.swagger.v3.oas.annotations.Operation;
import org.doorstep.postings.locations.PostingLocations;
import org.doorstep.postings.locations.PostingMap;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Where the open postings are, counted in grid cells, for the operators' map. */
@RestController
class PostingMapController {

    private final PostingLocations locations;

    PostingMapController(PostingLocations locations) {
        this.locations = locations;
    }

    @Operation(summary = "Open postings counted in cells of a 0.1 degree grid, for operators and auditors",
            description = "`{cellDegrees, cells: [{lat, lon, postings, vacancies}]}`, each cell by its centre: the same "
                    + "grid as seekers-service's `GET /api/v1/seekers:locations`.")
    @GetMapping(path = "/api/v1/postings:locations", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<PostingMap> map() {
        return locations.countInto(new PostingMap.Counter()).map(PostingMap.Counter::map);
    }
}
