package org.doorstep.seekers.seeker.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.doorstep.seekers.SeekersServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

class IsolationTest extends SeekersServiceTest {

    @Test
    void nothingOfOneSeekerIsReachableOrChangeableWithAnothersToken() {
        Registered a = register(FULL_PROFILE);
        Registered b = register("{\"displayName\": \"Zhang San\"}");

        JsonNode seenByB = me(b);
        assertThat(seenByB.get("seekerId").stringValue()).isEqualTo(b.seekerId());
        assertThat(seenByB.toString()).doesNotContain(a.seekerId(), "Li Wei", "li.wei@example.cn");

        // B sends A's id in the body: it is read-only and ignored; only B changes
        put(b, "{\"seekerId\": \"" + a.seekerId() + "\", \"displayName\": \"Mallory\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.seekerId").isEqualTo(b.seekerId());
        patch(b, "{\"seekerId\": \"" + a.seekerId() + "\", \"remoteOk\": false}").expectStatus().isOk()
                .expectBody().jsonPath("$.seekerId").isEqualTo(b.seekerId());
        // there is no route that names another seeker
        http.get().uri("/api/v1/seekers/" + a.seekerId()).header(HttpHeaders.AUTHORIZATION, "Bearer " + b.token())
                .exchange().expectStatus().isNotFound();
        http.delete().uri("/api/v1/seekers/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + b.token())
                .exchange().expectStatus().isNoContent();

        JsonNode stillA = me(a);
        assertThat(stillA.get("displayName").stringValue()).isEqualTo("Li Wei");
        assertThat(stillA.get("version").asLong()).isEqualTo(1);
        assertThat(stillA.get("remoteOk").booleanValue()).isTrue();
    }
}
