package org.doorstep.matching.match;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostingBacklogTest {

    private static final Duration NO_WAIT = Duration.ZERO;

    @Test
    void takesEverythingInTheOrderReadWhileNoMoreThanAStepWaits() throws InterruptedException {
        PostingBacklog backlog = backlogOf(PostingBacklog.STEP);

        assertThat(ids(backlog.take(NO_WAIT))).containsExactlyElementsOf(ids(0, PostingBacklog.STEP));
        assertThat(backlog.size()).isZero();
    }

    @Test
    void behindABacklogTakesTheNewestFirstAndThenAQuarterOfTheOldest() throws InterruptedException {
        PostingBacklog backlog = backlogOf(10_000);

        List<String> step = ids(backlog.take(NO_WAIT));

        int newest = PostingBacklog.STEP - PostingBacklog.OLDEST_PER_STEP;
        assertThat(step).hasSize(PostingBacklog.STEP)
                .startsWith(ids(10_000 - newest, 10_000).reversed().toArray(String[]::new))
                .endsWith(ids(0, PostingBacklog.OLDEST_PER_STEP).toArray(String[]::new));
        assertThat(backlog.size()).isEqualTo(10_000 - PostingBacklog.STEP);
    }

    @Test
    void aPostingPublishedBehindABacklogIsJudgedInTheNextStep() throws InterruptedException {
        PostingBacklog backlog = backlogOf(10_000);
        backlog.take(NO_WAIT);

        backlog.add(waiting("fresh", 0));

        assertThat(ids(backlog.take(NO_WAIT))).as("first in the next step").startsWith("fresh");
    }

    @Test
    void theBacklogStillDrainsWhileNewPostingsComeAsFastAsTheyAreJudged() throws InterruptedException {
        PostingBacklog backlog = backlogOf(1_000);
        int fresh = 0;
        for (int step = 0; step < 200; step++) {
            for (int i = 0; i < PostingBacklog.STEP - PostingBacklog.OLDEST_PER_STEP; i++) {
                backlog.add(waiting("fresh-" + fresh++, 0));
            }
            backlog.take(NO_WAIT);
        }

        assertThat(backlog.size()).as("a quarter of each step went to the oldest").isEqualTo(0);
    }

    @Test
    void aPostingWaitsOnceWithItsLastChangeInTheNewestPlace() throws InterruptedException {
        PostingBacklog backlog = backlogOf(3);
        PostingChange closed = new PostingChange.Closed("p0", 2);

        backlog.add(new PostingBacklog.Waiting("p0", "partner", 0, Instant.now(), () -> closed));

        List<PostingBacklog.Waiting> step = backlog.take(NO_WAIT);
        assertThat(ids(step)).containsExactly("p1", "p2", "p0");
        assertThat(step.getLast().change().get()).isSameAs(closed);
    }

    @Test
    void aStepPutBackStandsWhereItStoodByAgeUnlessItsPostingWasReadAgain() throws InterruptedException {
        PostingBacklog backlog = backlogOf(10_000);
        List<PostingBacklog.Waiting> step = backlog.take(NO_WAIT);
        String first = step.getFirst().postingId();
        PostingChange newer = new PostingChange.Closed(first, 9);
        backlog.add(new PostingBacklog.Waiting(first, "partner", 0, Instant.now().plusSeconds(60), () -> newer));

        backlog.putBack(step);

        assertThat(backlog.size()).isEqualTo(10_000);
        List<PostingBacklog.Waiting> again = backlog.take(NO_WAIT);
        int newest = PostingBacklog.STEP - PostingBacklog.OLDEST_PER_STEP;
        assertThat(ids(again)).as("the later change, then the step's newest, then the oldest").startsWith(first)
                .containsSubsequence(ids(10_000 - newest, 10_000).reversed().stream().filter(id -> !id.equals(first)).toList())
                .endsWith(ids(0, PostingBacklog.OLDEST_PER_STEP).toArray(String[]::new));
        assertThat(again.getFirst().change().get()).as("the later change counts").isSameAs(newer);
    }

    @Test
    void aPartnersPostingIsJudgedInTheNextStepWhileAnotherPartnersBulkImportKeepsArriving() throws InterruptedException {
        PostingBacklog backlog = backlogOf(10_000);
        backlog.add(new PostingBacklog.Waiting("single", "another partner", 0, Instant.now(), () -> new PostingChange.Closed("single", 1)));
        // the import goes on: a thousand more of its postings arrive before the judge's next step
        IntStream.range(0, 1_000).forEach(i -> backlog.add(waiting("more-" + i, 0)));

        List<String> step = ids(backlog.take(NO_WAIT));

        assertThat(step).hasSize(PostingBacklog.STEP).contains("single", "more-999");
    }

    @Test
    void behindABacklogTheNewestAreTakenAPartnerAtATimeThePartnerThatPublishedLastFirst() throws InterruptedException {
        PostingBacklog backlog = backlogOf(1_000);
        for (String partner : List.of("a", "b", "c")) {
            for (int i = 0; i < 3; i++) {
                String id = partner + i;
                backlog.add(new PostingBacklog.Waiting(id, partner, 0, Instant.now(), () -> new PostingChange.Closed(id, 1)));
            }
        }

        List<String> step = ids(backlog.take(NO_WAIT));

        assertThat(step).startsWith("c2", "b2", "a2", "p999", "c1", "b1", "a1", "p998", "c0", "b0", "a0", "p997", "p996");
    }

    @Test
    void forgetsTheChangesOfReleasedPartitions() throws InterruptedException {
        PostingBacklog backlog = new PostingBacklog();
        backlog.add(waiting("kept", 1));
        backlog.add(waiting("released", 2));

        backlog.release(List.of(2));

        assertThat(ids(backlog.take(NO_WAIT))).containsExactly("kept");
    }

    @Test
    void tellsWhenTheOldestWaitingChangeWasWritten() {
        PostingBacklog backlog = new PostingBacklog();
        assertThat(backlog.oldest()).isNull();
        Instant first = Instant.parse("2026-12-04T10:00:00Z");

        backlog.add(new PostingBacklog.Waiting("a", "partner", 0, first, () -> new PostingChange.Closed("a", 1)));
        backlog.add(new PostingBacklog.Waiting("b", "partner", 0, first.plusSeconds(5), () -> new PostingChange.Closed("b", 1)));

        assertThat(backlog.oldest()).isEqualTo(first);
    }

    @Test
    void anEmptyBacklogAnswersAnEmptyStepAfterTheWait() throws InterruptedException {
        assertThat(new PostingBacklog().take(Duration.ofMillis(20))).isEmpty();
    }

    /** Postings p0, p1, ... written a millisecond apart, in that order. */
    private static PostingBacklog backlogOf(int postings) {
        PostingBacklog backlog = new PostingBacklog();
        Instant start = Instant.parse("2026-12-04T10:00:00Z");
        IntStream.range(0, postings).forEach(i -> backlog.add(new PostingBacklog.Waiting("p" + i, "partner", 0,
                start.plusMillis(i), () -> new PostingChange.Closed("p" + i, 1))));
        return backlog;
    }

    private static PostingBacklog.Waiting waiting(String postingId, int shard) {
        return new PostingBacklog.Waiting(postingId, "partner", shard, Instant.now(), () -> new PostingChange.Closed(postingId, 1));
    }

    private static List<String> ids(List<PostingBacklog.Waiting> step) {
        return step.stream().map(PostingBacklog.Waiting::postingId).toList();
    }

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "p" + i).toList();
    }
}
