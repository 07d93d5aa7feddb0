package org.doorstep.postings.posting;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostingTest {

    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void creatingAPostingOpensItAtVersionOneWithAnUpsertedEvent() {
        Revision revision = Posting.create("p-1", "partner", "JOB-1", content(3), NOW);

        assertThat(revision.posting().version()).isEqualTo(1);
        assertThat(revision.posting().status()).isEqualTo(PostingStatus.OPEN);
        assertThat(revision.events()).containsExactly(new PostingUpserted(revision.posting()));
    }

    @Test
    void revisingWithTheSameContentChangesNothing() {
        Posting posting = Posting.create("p-1", "partner", "JOB-1", content(3), NOW).posting();

        Revision revision = posting.revise(content(3), NOW.plusSeconds(60));

        assertThat(revision.changed()).isFalse();
        assertThat(revision.posting()).isSameAs(posting);
    }

    @Test
    void revisingWithNewContentIncrementsTheVersion() {
        Posting posting = Posting.create("p-1", "partner", "JOB-1", content(3), NOW).posting();

        Revision revision = posting.revise(content(4), NOW.plusSeconds(60));

        assertThat(revision.posting().version()).isEqualTo(2);
        assertThat(revision.posting().content().vacancies()).isEqualTo(4);
        assertThat(revision.posting().updatedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(revision.events()).hasOnlyElementsOfType(PostingUpserted.class);
    }

    @Test
    void closingOnceEmitsClosedWithReasonAndClosingAgainChangesNothing() {
        Posting posting = Posting.create("p-1", "partner", "JOB-1", content(3), NOW).posting();

        Revision closed = posting.close(ClosedReason.EXPIRED, NOW.plusSeconds(5));
        Revision again = closed.posting().close(ClosedReason.PARTNER, NOW.plusSeconds(9));

        assertThat(closed.posting().status()).isEqualTo(PostingStatus.CLOSED);
        assertThat(closed.posting().closedReason()).isEqualTo(ClosedReason.EXPIRED);
        assertThat(closed.events()).containsExactly(new PostingClosed(closed.posting()));
        assertThat(again.changed()).isFalse();
    }

    @Test
    void revisingAClosedPostingReopensItEvenWithTheSameContent() {
        Posting closed = Posting.create("p-1", "partner", "JOB-1", content(3), NOW).posting()
                .close(ClosedReason.PARTNER, NOW).posting();

        Revision reopened = closed.revise(content(3), NOW.plusSeconds(1));

        assertThat(reopened.posting().status()).isEqualTo(PostingStatus.OPEN);
        assertThat(reopened.posting().closedReason()).isNull();
        assertThat(reopened.posting().version()).isEqualTo(3);
    }

    @Test
    void aPostingIsExpiredOnlyWhenOpenAndPastValidThrough() {
        Posting posting = Posting.create("p-1", "partner", "JOB-1", content(3), NOW).posting();

        assertThat(posting.expiredAt(NOW)).isFalse();
        assertThat(posting.expiredAt(NOW.plusSeconds(3601))).isTrue();
        assertThat(posting.close(ClosedReason.PARTNER, NOW).posting().expiredAt(NOW.plusSeconds(3601))).isFalse();
    }

    private static PostingContent content(int vacancies) {
        return new PostingContent("Welder", null, null, List.of(new Skill("Welding", null, true)),
                new Location(30.5, 104.0, "510100", null), Workplace.ONSITE, EmploymentType.FULL_TIME, null,
                vacancies, null, null, List.of(), List.of(), List.of(), NOW.plusSeconds(3600), List.of("zh"));
    }
}
