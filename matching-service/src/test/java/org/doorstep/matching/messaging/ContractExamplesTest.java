package org.doorstep.matching.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.doorstep.matching.scoring.Education;
import org.doorstep.matching.scoring.KeyGroup;
import org.doorstep.matching.scoring.Masks;
import org.doorstep.matching.scoring.Posting;
import org.doorstep.matching.scoring.Seeker;
import org.doorstep.matching.scoring.Workplace;
import org.doorstep.matching.taxonomy.BuiltInVocabulary;
import org.doorstep.matching.taxonomy.Taxonomy;
import org.doorstep.testkit.EventContract;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import tools.jackson.databind.json.JsonMapper;

/** The consumer side of the contract: every example of a type matching reads parses into what matching keeps. */
class ContractExamplesTest {

    private final EventReader reader = new EventReader(JsonMapper.builder().build());
    private final Taxonomy taxonomy = BuiltInVocabulary.load();
    private final DomainTranslator translator = new DomainTranslator(taxonomy, new org.doorstep.matching.extraction.ProfileInference(taxonomy, new org.doorstep.matching.extraction.SkillExtractor(taxonomy)));

    private static Message<?> message(String type, String key) {
        return MessageBuilder.withPayload(EventContract.example(type).getBytes(StandardCharsets.UTF_8))
                .setHeader("ce_type", type.getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.RECEIVED_KEY, key.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    @Test
    void readsThePostingUpsertedExampleWithNormalisedSkills() {
        PostingEvent event = reader.posting(message("org.doorstep.posting.upserted.v1", "p"));

        assertThat(event).isInstanceOf(PostingEvent.PostingUpserted.class);
        Posting posting = translator.posting(((PostingEvent.PostingUpserted) event).state(), true);
        assertThat(posting.id()).isEqualTo("5b0e3c1e-8f0a-4d51-9a55-2f0f6e0c9a11");
        assertThat(posting.isco()).isEqualTo(2512);
        assertThat(posting.requiredSkills()).containsExactly(taxonomy.knownSkill("java"), taxonomy.knownSkill("sql"));
        assertThat(posting.optionalSkills()).containsExactly(taxonomy.knownSkill("apache kafka"));
        assertThat(posting.workplace()).isEqualTo(Workplace.HYBRID);
        assertThat(posting.minEducation()).isEqualTo(Education.BACHELOR);
        assertThat(Masks.has(posting.targetGroups(), KeyGroup.COLLEGE_GRADUATE)).isTrue();
        assertThat(posting.salary().monthlyMax()).isEqualTo(18000);
        assertThat(posting.languages()).containsExactly("zh", "en");
        assertThat(posting.requiredLicences()).containsExactly("forklift licence");
    }

    @Test
    void readsThePostingClosedExampleAsAClosure() {
        PostingEvent event = reader.posting(message("org.doorstep.posting.closed.v1", "p"));

        assertThat(event).isInstanceOf(PostingEvent.PostingClosed.class);
        assertThat(((PostingEvent.PostingClosed) event).state().version()).isEqualTo(4);
    }

    @Test
    void readsTheSeekerUpsertedExample() {
        SeekerEvent event = reader.seeker(message("org.doorstep.seeker.upserted.v1", "s"));

        Seeker seeker = translator.seeker(((SeekerEvent.SeekerUpserted) event).state());
        assertThat(seeker.located()).isTrue();
        assertThat(seeker.maxDistanceKm()).isEqualTo(15f);
        assertThat(seeker.occupations()).containsExactly(2512);
        assertThat(seeker.skills()).hasSize(2);
        assertThat(seeker.salaryMonthlyMin()).isEqualTo(10000f);
        assertThat(seeker.licences()).containsExactly("forklift licence", "first aid certificate");
        assertThat(seeker.languages()).isNotEmpty().allSatisfy(l -> assertThat(l).matches("[a-z]{2,3}"));
        assertThat(Masks.has(seeker.keyGroups(), KeyGroup.COLLEGE_GRADUATE)).isTrue();
    }

    @Test
    void readsTheSeekerErasedExampleAndATombstoneAsErasures() {
        SeekerEvent erased = reader.seeker(message("org.doorstep.seeker.erased.v1", "s"));
        Message<?> tombstone = MessageBuilder.withPayload(KafkaNull.INSTANCE)
                .setHeader(KafkaHeaders.RECEIVED_KEY, "gone".getBytes(StandardCharsets.UTF_8)).build();

        assertThat(erased).isEqualTo(new SeekerEvent.SeekerErased("a3f1c2d4-5e6f-4a1b-8c9d-0e1f2a3b4c5d",
                java.time.Instant.parse("2026-11-25T09:00:00Z")));
        assertThat(reader.seeker(tombstone)).isEqualTo(new SeekerEvent.SeekerErased("gone", null));
    }

    @Test
    void readsTheFeedbackExamples() {
        assertThat(reader.feedback(message("org.doorstep.match.dismissed.v1", "s")))
                .isInstanceOf(FeedbackEvent.MatchDismissed.class);
        assertThat(reader.feedback(message("org.doorstep.match.applied.v1", "s")))
                .isInstanceOf(FeedbackEvent.MatchApplied.class);
    }

    @Test
    void comparesLanguagesByPrimarySubtagAndLicencesTrimmedInLowerCase() {
        assertThat(DomainTranslator.languages(java.util.List.of("zh-CN", "ZH", "en_GB", " fr "))).containsExactly("zh", "en", "fr");
        assertThat(DomainTranslator.licences(java.util.List.of(" Forklift Licence ", "forklift licence", "")))
                .containsExactly("forklift licence");
    }

    @Test
    void refusesARecordThatIsNotJson() {
        Message<?> garbage = MessageBuilder.withPayload("{oops".getBytes(StandardCharsets.UTF_8)).build();

        assertThatThrownBy(() -> reader.posting(garbage)).isInstanceOf(UnreadableEvent.class);
    }
}
