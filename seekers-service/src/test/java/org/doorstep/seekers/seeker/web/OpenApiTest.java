package org.doorstep.seekers.seeker.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.doorstep.seekers.SeekersServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenApiTest extends SeekersServiceTest {

    @Test
    void documentsEveryEndpointWithExamplesAndTheBearerScheme() {
        JsonNode api = json(http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());

        assertThat(api.at("/paths/~1api~1v1~1seekers/post")).isNotNull();
        JsonNode me = api.at("/paths/~1api~1v1~1seekers~1me");
        assertThat(me.has("get") && me.has("put") && me.has("patch") && me.has("delete")).isTrue();
        assertThat(me.at("/patch/requestBody/content").has("application/merge-patch+json")).isTrue();
        assertThat(api.at("/paths/~1api~1v1~1seekers/post/requestBody/content/application~1json/examples/profile/value").toString())
                .contains("Li Wei");
        assertThat(me.at("/put/responses/400/content/application~1problem+json/example").toString())
                .contains("location.lat");
        assertThat(api.at("/components/securitySchemes/seekerToken/scheme").stringValue()).isEqualTo("bearer");
    }

    @Test
    void describesTheProfileBodiesByTheRequestRecordsAndTheirRules() {
        JsonNode api = json(http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());

        String profile = "#/components/schemas/ProfileRequest";
        assertThat(api.at("/paths/~1api~1v1~1seekers/post/requestBody/content/application~1json/schema/$ref").stringValue())
                .isEqualTo(profile);
        JsonNode me = api.at("/paths/~1api~1v1~1seekers~1me");
        assertThat(me.at("/put/requestBody/content/application~1json/schema/$ref").stringValue()).isEqualTo(profile);
        assertThat(me.at("/patch/requestBody/content/application~1merge-patch+json/schema/$ref").stringValue())
                .isEqualTo(profile);
        JsonNode schemas = api.at("/components/schemas");
        assertThat(schemas.at("/ProfileRequest/properties").has("seekerId")).isFalse();
        assertThat(schemas.at("/ProfileRequest/properties/displayName/maxLength").asInt()).isEqualTo(100);
        assertThat(schemas.at("/ProfileRequest/properties/skills/maxItems").asInt()).isEqualTo(100);
        assertThat(schemas.at("/LocationRequest/properties/lat/minimum").asInt()).isEqualTo(-90);
        assertThat(schemas.at("/LocationRequest/properties/lat/maximum").asInt()).isEqualTo(90);
        assertThat(schemas.at("/ContactRequest/properties/email/pattern").stringValue()).contains("@");
        assertThat(schemas.at("/SkillRequest/properties/level/enum")).hasSize(4);
    }

    @Test
    void servesHealthProbesWithoutAToken() {
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }
}
