package org.doorstep.seekers.seeker.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Collections;

import org.doorstep.seekers.SeekersServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * How a body is bound before its rules are checked: strictly by JSON type, every problem named with its path in the
 * one answer, whatever mix of binding problems and broken rules the body holds.
 */
class ProfileBindingTest extends SeekersServiceTest {

    @Test
    void namesAnUnknownNestedMemberAWrongTypeAndABrokenRuleInOneAnswer() {
        JsonNode problem = refused("""
                {"contact": {"email": "li.wei", "fax": "028 1234"}, "remoteOk": "yes"}""");

        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").stringValue()).startsWith("Invalid request: ")
                .contains("contact.fax unknown property", "remoteOk must be true or false");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").stringValue(), e -> e.get("reason").stringValue())
                .containsExactlyInAnyOrder(tuple("contact.fax", "unknown property"),
                        tuple("remoteOk", "must be true or false"),
                        tuple("contact.email", "must match ^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$"));
    }

    @Test
    void aValueOfTheWrongTypeIsNamedOnceNotAlsoAsMissing() {
        JsonNode problem = refused("""
                {"location": {"lat": "30.6", "lon": 104}, "skills": [{"label": 5, "level": "BASIC"}],
                 "salaryExpectation": {"min": 10000, "currency": ["CNY"], "period": "MONTH"},
                 "notifications": {"digest": {"mode": "DAILY", "at": 1800, "zone": "Asia/Shanghai"}}}""");

        assertThat(problem.get("errors")).extracting(e -> e.get("field").stringValue(), e -> e.get("reason").stringValue())
                .containsExactlyInAnyOrder(tuple("location.lat", "must be a number"),
                        tuple("skills[0].label", "must be a string"), tuple("salaryExpectation.currency", "must be a string"),
                        tuple("notifications.digest.at", "must be a string"));
    }

    @Test
    void namesUnknownMembersAtAnyDepthBeforeAndAfterTheKnownOnes() {
        JsonNode problem = refused("""
                {"badge": {"level": 3}, "displayName": "Li Wei",
                 "contact": {"fax": [1, 2], "email": "li.wei@example.cn", "phone": "+86 138 0000 0000", "pager": {"a": 1}},
                 "skills": [{"label": "Java"}, {"years": 3, "label": "SQL"}],
                 "notifications": {"quietHours": {"start": "22:00", "end": "07:00", "zone": "UTC", "weekends": true}},
                 "seekerId": "ignored, as GET returns it"}""");

        assertThat(problem.get("errors")).extracting(e -> e.get("field").stringValue())
                .containsExactlyInAnyOrder("badge", "contact.fax", "contact.pager", "skills[1].years",
                        "notifications.quietHours.weekends");
        assertThat(problem.get("errors")).extracting(e -> e.get("reason").stringValue()).containsOnly("unknown property");
    }

    @Test
    void takesNoBlankStringForAnObjectOrAList() {
        JsonNode problem = refused("""
                {"contact": " ", "skills": "", "education": " BACHELOR ", "employmentTypes": [1]}""");

        assertThat(problem.get("errors")).extracting(e -> e.get("field").stringValue(), e -> e.get("reason").stringValue())
                .containsExactlyInAnyOrder(tuple("contact", "must be an object"), tuple("skills", "must be an array"),
                        tuple("education", "must be one of [BACHELOR, DOCTORATE, MASTER, NONE, PRIMARY, SECONDARY, VOCATIONAL]"),
                        tuple("employmentTypes[0]", "must be one of [FULL_TIME, GIG, INTERNSHIP, PART_TIME, TEMPORARY]"));
    }

    @Test
    void namesAListOverItsSizeAloneNotItsItems() {
        String items = String.join(", ", Collections.nCopies(5_000, "1"));

        JsonNode problem = refused("{\"desiredOccupations\": [" + items + "], \"licences\": [\"\", \"\", " + items + "]}");

        assertThat(problem.get("errors")).extracting(e -> e.get("field").stringValue(), e -> e.get("reason").stringValue())
                .containsExactlyInAnyOrder(tuple("desiredOccupations", "must have at most 20 items"),
                        tuple("licences", "must have at most 20 items"));
    }

    @Test
    void readsAWholeNumberWrittenWithAFractionAndNamesAHugeOneByItsRange() {
        register("{\"notifications\": {\"maxPerDay\": 2.0}}");

        JsonNode problem = refused("{\"notifications\": {\"maxPerDay\": 1e20}}");

        assertThat(problem.get("errors")).extracting(e -> e.get("field").stringValue(), e -> e.get("reason").stringValue())
                .containsExactly(tuple("notifications.maxPerDay", "must be between 0 and 1000"));
    }

    private JsonNode refused(String body) {
        return json(http.post().uri("/api/v1/seekers").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody());
    }
}
