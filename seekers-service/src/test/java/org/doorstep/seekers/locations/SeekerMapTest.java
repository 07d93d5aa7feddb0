package org.doorstep.seekers.locations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.doorstep.seekers.SeekersServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * Operators see where seekers are as counts in 0.1 degree cells, never a seeker's location: a cell with fewer than
 * five seekers is left out (counted in {@code hidden}), erased seekers are not counted, and nobody but an operator or
 * auditor may look.
 */
class SeekerMapTest extends SeekersServiceTest {

    private JsonNode map(String token) {
        return json(http.get().uri("/api/v1/seekers:locations").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private static JsonNode cellAt(JsonNode map, double lat, double lon) {
        for (JsonNode cell : map.path("cells")) {
            if (Math.abs(cell.path("lat").asDouble() - lat) < 1e-6 && Math.abs(cell.path("lon").asDouble() - lon) < 1e-6) {
                return cell;
            }
        }
        return null;
    }

    /** Whether a coordinate is the centre of a 0.1 degree cell. */
    private static boolean onGrid(double coordinate) {
        double cells = coordinate / 0.1 - 0.5;
        return Math.abs(cells - Math.rint(cells)) < 1e-6;
    }

    private Registered registerAt(double lat, double lon) {
        return register("""
                {"displayName": "Map test", "location": {"lat": %s, "lon": %s}}""".formatted(lat, lon));
    }

    /** 46.8 / 0.1 is 467.999... in floating point: a seeker on a grid line was counted in the cell below. */
    @Test
    void aSeekerOnAGridLineIsInTheCellThatStartsThere() {
        SeekerMap map = new SeekerMap.Counter().add(46.8, 131.1).add(-0.3, -0.7).map(1);

        assertThat(map.cells()).extracting(SeekerMap.Cell::lat, SeekerMap.Cell::lon)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(-0.25, -0.65), org.assertj.core.groups.Tuple.tuple(46.85, 131.15));
    }

    @Test
    void countsSeekersInCellsAndLeavesOutCellsOfFewerThanFive() {
        // a cell of the southern ocean no other test uses: -60.x, -170.x to -120.x
        double row = -60 - ThreadLocalRandom.current().nextInt(10) / 10.0;
        double column = -170 + ThreadLocalRandom.current().nextInt(500) / 10.0;
        double lat = row - 0.05;
        double lon = column + 0.05;
        List<Registered> crowd = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            crowd.add(registerAt(row - 0.01 - i * 0.015, column + 0.01 + i * 0.015));
        }
        long hiddenBefore = map(OPERATOR_TOKEN).path("hidden").asLong();
        registerAt(row + 5.02, column + 0.02); // alone in its cell

        JsonNode map = map(AUDITOR_TOKEN);
        assertThat(map.path("cellDegrees").asDouble()).isEqualTo(0.1);
        assertThat(map.path("minSeekers").asInt()).isEqualTo(5);
        JsonNode crowded = cellAt(map, Math.round(lat * 100) / 100.0, Math.round(lon * 100) / 100.0);
        assertThat(crowded).as("the cell of five seekers, by its centre").isNotNull();
        assertThat(crowded.path("seekers").asLong()).isEqualTo(5);
        assertThat(map.path("hidden").asLong()).as("the lone seeker is counted, not shown").isEqualTo(hiddenBefore + 1);
        for (JsonNode cell : map.path("cells")) { // by their centres only, never a seeker's own coordinates
            assertThat(onGrid(cell.path("lat").asDouble())).as("%s", cell).isTrue();
            assertThat(onGrid(cell.path("lon").asDouble())).as("%s", cell).isTrue();
            assertThat(cell.path("seekers").asLong()).as("%s", cell).isGreaterThanOrEqualTo(5);
        }

        http.delete().uri("/api/v1/seekers/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + crowd.get(0).token())
                .exchange().expectStatus().isNoContent();
        JsonNode afterErasure = map(OPERATOR_TOKEN);
        assertThat(cellAt(afterErasure, Math.round(lat * 100) / 100.0, Math.round(lon * 100) / 100.0) == null)
                .as("four seekers are too few to show").isTrue();
        assertThat(afterErasure.path("hidden").asLong()).isEqualTo(hiddenBefore + 5);
    }

    @Test
    void showsTheMapToOperatorsAndAuditorsOnly() {
        Registered seeker = registerAt(10, 10);
        http.get().uri("/api/v1/seekers:locations").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/seekers:locations").header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker.token())
                .exchange().expectStatus().isUnauthorized();
        http.delete().uri("/api/v1/seekers:locations").header(HttpHeaders.AUTHORIZATION, "Bearer " + AUDITOR_TOKEN)
                .exchange().expectStatus().isForbidden();
    }
}
