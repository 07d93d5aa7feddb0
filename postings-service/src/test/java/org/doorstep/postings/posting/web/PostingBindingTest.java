package org.doorstep.postings.posting.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;

import org.doorstep.postings.posting.PostingContent;
import org.doorstep.postings.problem.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a posting body is bound and checked (StrictBinding, PostingRequest's rules), without a server. */
class PostingBindingTest {

    private static final Instant NOW = Instant.parse("2026-12-04T00:00:00Z");
    private final PostingBodies bodies = new PostingBodies(Clock.fixed(NOW, ZoneOffset.UTC), codes -> reactor.core.publisher.Mono.just(java.util.Set.of()));

    private static String posting(String extra) {
        return """
                {"title": "Welder", "location": {"lat": 30.6, "lon": 104.1}, "workplace": "ONSITE",
                 "employmentType": "FULL_TIME", "validThrough": "2027-01-31T23:59:59.1234Z"%s}""".formatted(extra);
    }

    private PostingBodies.Parsed put(String body) {
        return bodies.parse(body.getBytes(StandardCharsets.UTF_8), "JOB-1");
    }

    private static List<String> fields(PostingBodies.Parsed parsed) {
        return parsed.violations().stream().map(Violation::field).toList();
    }

    @Test
    void oneAnswerNamesEveryKindOfProblemOrderedByField() {
        PostingBodies.Parsed parsed = put(posting("""
                , "vacancies": 0, "postingId": "mine", "skills": [{"label": "Java", "level": 3}]""")
                .replace("\"Welder\"", "42"));

        assertThat(parsed.content()).isNull();
        assertThat(parsed.violations()).containsExactly(
                new Violation("postingId", "read-only property; set by the service"),
                new Violation("skills[0].level", "unknown property"),
                new Violation("title", "must be a string"),
                new Violation("vacancies", "must be between 1 and 10000"));
    }

    @Test
    void unknownMembersAreNamedAtAnyDepthBeforeAndAfterTheKnownOnes() {
        PostingBodies.Parsed parsed = put("""
                {"first": 1, "location": {"city": "Chengdu", "lat": 30.6, "lon": 104.1, "district": {"x": 1}},
                 "title": "Welder", "workplace": "ONSITE", "employmentType": "FULL_TIME",
                 "salary": {"bonus": true, "min": 1, "max": 2, "currency": "CNY", "period": "MONTH"},
                 "validThrough": "2027-01-31T23:59:59Z", "employer": {"name": "Acme", "code": "9151"}, "last": [1]}""");

        assertThat(fields(parsed)).containsExactly("employer.code", "first", "last", "location.city",
                "location.district", "salary.bonus");
    }

    @Test
    void aValueOfTheWrongTypeIsNamedOnceAndNothingIsCoerced() {
        PostingBodies.Parsed parsed = put(posting("""
                , "vacancies": "3", "skills": [{"label": 7}], "location": "Chengdu", "targetGroups": "YOUTH",
                 "minExperienceYears": true, "employer": {"name": ["Acme"]}""")
                .replace("\"location\": {\"lat\": 30.6, \"lon\": 104.1}, ", ""));

        assertThat(parsed.violations()).containsExactly(
                new Violation("employer.name", "must be a string"),
                new Violation("location", "must be an object"),
                new Violation("minExperienceYears", "must be a number"),
                new Violation("skills[0].label", "must be a string"),
                new Violation("targetGroups", "must be an array"),
                new Violation("vacancies", "must be an integer"));
    }

    @Test
    void theBodyItselfIsNamedAsTheRoot() {
        for (String body : List.of("[1]", "null", "42", "{\"title\": ", "{} []", "{\"title\":\"a\",\"title\":\"b\"}", "")) {
            assertThat(fields(put(body))).as(body).containsExactly("$");
        }
    }

    @Test
    void aListOverItsSizeIsNamedAloneNotItemByItem() {
        String skills = String.join(",", Collections.nCopies(5_000, "{\"escoUri\": \"not a uri\"}"));

        assertThat(put(posting(", \"skills\": [" + skills + "]")).violations())
                .containsExactly(new Violation("skills", "must have at most 50 items"));
    }

    @Test
    void indicesAreOrderedByNumber() {
        String languages = String.join(",", Collections.nCopies(12, "\"Chinese!\""));

        assertThat(fields(put(posting(", \"languages\": [" + languages + "]")))).startsWith(
                "languages[0]", "languages[1]", "languages[2]").endsWith("languages[10]", "languages[11]");
    }

    @Test
    void validThroughIsJudgedByTheServiceClock() {
        assertThat(put(posting("").replace("2027-01-31T23:59:59.1234Z", "2026-12-03T23:59:59Z")).violations())
                .containsExactly(new Violation("validThrough", "must be in the future"));
        assertThat(put(posting("").replace("2027-01-31T23:59:59.1234Z", "2027-12-04T00:00:01Z")).violations())
                .containsExactly(new Violation("validThrough", "must be within one year"));
        assertThat(put(posting("").replace("2027-01-31T23:59:59.1234Z", "2027-01-31")).violations())
                .containsExactly(new Violation("validThrough",
                        "must be an ISO-8601 date-time with offset, e.g. 2027-03-31T23:59:59Z"));
    }

    @Test
    void aValidBodyBecomesTheContentAsSentWithListsAsSets() {
        PostingBodies.Parsed parsed = put(posting("""
                , "externalId": "JOB-1", "requiredLicences": [" forklift licence ", "forklift licence"],
                 "languages": ["zh", "en", "zh"], "campaignCodes": ["SPRING", "SPRING"],
                 "skills": [{"label": "Welding", "required": true}], "employer": {"name": " Acme "}""")
                .replace("\"Welder\"", "\" Welder\\t\""));

        assertThat(parsed.violations()).isEmpty();
        PostingContent content = parsed.content();
        assertThat(content.title()).isEqualTo(" Welder\t");
        assertThat(content.vacancies()).isEqualTo(1);
        assertThat(content.validThrough()).isEqualTo(Instant.parse("2027-01-31T23:59:59.123Z"));
        assertThat(content.requiredLicences()).containsExactly("forklift licence");
        assertThat(content.languages()).containsExactly("zh", "en");
        assertThat(content.skills()).singleElement().satisfies(skill -> assertThat(skill.required()).isTrue());
        assertThat(content.employer().name()).isEqualTo("Acme");
        assertThat(parsed.campaignCodes()).containsExactly("SPRING");
    }

    @Test
    void aBatchLineNamesItsOwnStringExternalId() {
        for (String id : List.of("", ", \"externalId\": 7", ", \"externalId\": null")) {
            PostingBodies.Line line = bodies.parseLine(posting(id).getBytes(StandardCharsets.UTF_8));
            assertThat(line.externalId()).isNull();
            assertThat(line.parsed().violations())
                    .containsExactly(new Violation("externalId", "is required in every line of a batch"));
        }
        PostingBodies.Line line = bodies.parseLine(posting(", \"externalId\": \"JOB 1\"").getBytes(StandardCharsets.UTF_8));
        assertThat(line.externalId()).isEqualTo("JOB 1");
        assertThat(fields(line.parsed())).containsExactly("externalId");
    }
}
