package org.doorstep.postings.locations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.doorstep.postings.PostingsServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * Operators see where the open postings are, counted with their vacancies in 0.1 degree cells (the seekers' map's
 * grid); a closed posting leaves its cell; nobody but an operator or auditor may look.
 */
class PostingMapTest extends PostingsServiceTest {

    private JsonNode map() {
        return JSON.readTree(http.get().uri("/api/v1/postings:locations")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + AUDITOR_TOKEN)
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    private static JsonNode cellAt(JsonNode map, double lat, double lon) {
        for (JsonNode cell : map.path("cells")) {
            if (Math.abs(cell.path("lat").asDouble() - lat) < 1e-6 && Math.abs(cell.path("lon").asDouble() - lon) < 1e-6) {
                return cell;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> postingAt(double lat, double lon) {
        Map<String, Object> posting = validPosting("Map test");
        ((Map<String, Object>) posting.get("location")).put("lat", lat);
        ((Map<String, Object>) posting.get("location")).put("lon", lon);
        return posting;
    }

    /** 46.8 / 0.1 is 467.999... in floating point: a posting on a grid line was counted in the cell below. */
    @Test
    void aPostingOnAGridLineIsInTheCellThatStartsThere() {
        PostingMap map = new PostingMap.Counter().add(46.8, 131.1, 2).add(-0.3, -0.7, 1).map();

        assertThat(map.cells()).extracting(PostingMap.Cell::lat, PostingMap.Cell::lon)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(-0.25, -0.65), org.assertj.core.groups.Tuple.tuple(46.85, 131.15));
    }

    @Test
    void countsTheOpenPostingsAndTheirVacanciesByCell() {
        // a cell of the southern ocean no other test uses
        double row = -60 - ThreadLocalRandom.current().nextInt(10) / 10.0;
        double column = -170 + ThreadLocalRandom.current().nextInt(500) / 10.0;
        double lat = Math.round((row - 0.05) * 100) / 100.0;
        double lon = Math.round((column + 0.05) * 100) / 100.0;
        TestPartner partner = registerPartner();
        String first = externalId();
        put(partner, first, postingAt(row - 0.02, column + 0.02)).expectStatus().isCreated();
        put(partner, externalId(), postingAt(row - 0.08, column + 0.07)).expectStatus().isCreated();

        JsonNode cell = cellAt(map(), lat, lon);
        assertThat(cell).as("the cell of both postings, by its centre").isNotNull();
        assertThat(cell.path("postings").asLong()).isEqualTo(2);
        assertThat(cell.path("vacancies").asLong()).isEqualTo(6);
        assertThat(map().path("cellDegrees").asDouble()).isEqualTo(0.1);

        http.delete().uri("/api/v1/postings/{id}", first).header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .exchange().expectStatus().is2xxSuccessful();
        assertThat(cellAt(map(), lat, lon).path("postings").asLong()).as("a closed posting leaves the map").isEqualTo(1);
    }

    @Test
    void showsTheMapToOperatorsAndAuditorsOnly() {
        TestPartner partner = registerPartner();
        http.get().uri("/api/v1/postings:locations").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/postings:locations").header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/postings:locations").header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .exchange().expectStatus().isOk();
    }
}
