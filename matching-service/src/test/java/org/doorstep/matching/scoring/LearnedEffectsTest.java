package org.doorstep.matching.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** What was learned from feedback moves the score within bounds, and is told as a reason. */
class LearnedEffectsTest {

    private static final MatchingPolicy POLICY = MatchingPolicy.defaults();

    /** A fixed set of learned facts: the seeker's dismissal counts, and the posting's appeal. */
    private record Facts(int sameOccupation, int sameEmployer, Learned.Appeal appeal) implements Learned {
        @Override
        public Aversion aversion(String seekerId, Posting posting) {
            return sameOccupation == 0 && sameEmployer == 0 ? null
                    : new Aversion(posting.isco(), sameOccupation, posting.employer(), sameEmployer);
        }

        @Override
        public Appeal appeal(String postingId) {
            return appeal;
        }
    }

    private static Assessment assess(Learned learned, Pairs.S seeker) {
        return new MatchScorer(POLICY, Pairs.TAXONOMY, learned).assess(Pairs.posting().build(), seeker.build(), Pairs.NOW);
    }

    private static Reason reason(Assessment a, String factor) {
        return a.reasons().stream().filter(r -> r.factor().equals(factor)).findFirst().orElse(null);
    }

    @Test
    void oneDismissalOfAKindChangesNothingSeveralTakeATenthEachUpToThreeTenths() {
        double plain = assess(Learned.NOTHING, Pairs.seeker()).score();
        assertThat(assess(new Facts(1, 0, null), Pairs.seeker()).score()).isEqualTo(plain);
        assertThat(reason(assess(new Facts(1, 0, null), Pairs.seeker()), MatchScorer.AVERSION)).isNull();
        for (Map.Entry<Integer, Double> n : Map.of(2, 0.9, 3, 0.8, 4, 0.7, 9, 0.7).entrySet()) {
            Assessment a = assess(new Facts(n.getKey(), 0, null), Pairs.seeker());
            assertThat(a.score()).as("%d dismissals", n.getKey()).isCloseTo(plain * n.getValue(), within(0.0002));
            assertThat(reason(a, MatchScorer.AVERSION).detail())
                    .isEqualTo("fewer like this: you dismissed " + n.getKey() + " jobs of this occupation (ISCO 2512)");
        }
        assertThat(reason(assess(new Facts(0, 3, null), Pairs.seeker()), MatchScorer.AVERSION).detail())
                .isEqualTo("fewer like this: you dismissed 3 jobs of this employer");
    }

    @Test
    void applicantsOfTheSameOccupationRaiseThePostingMoreWithMoreEvidenceAndNeverPastOne() {
        double plain = assess(Learned.NOTHING, Pairs.seeker()).score();
        Learned.Appeal one = new Learned.Appeal(new int[] {2512}, new float[] {1}, 1, 0);
        Learned.Appeal hired = new Learned.Appeal(new int[] {2512}, new float[] {4}, 2, 1);
        double withOne = assess(new Facts(0, 0, one), Pairs.seeker()).score();
        double withHire = assess(new Facts(0, 0, hired), Pairs.seeker()).score();
        assertThat(withOne).isGreaterThan(plain);
        assertThat(withHire).isGreaterThan(withOne).isLessThanOrEqualTo(1.0);
        // 1 - (1 - plain)(1 - 0.15 * (1 - 2^-0.5)) for one application
        assertThat(withOne).isCloseTo(1 - (1 - plain) * (1 - 0.15 * (1 - Math.pow(0.5, 0.5))), within(0.0002));
        assertThat(reason(assess(new Facts(0, 0, hired), Pairs.seeker()), MatchScorer.APPEAL).detail())
                .isEqualTo("people with a background like yours applied to this job (2 applied, 1 hired)");
    }

    @Test
    void applicantsOfAnotherOccupationChangeNothing() {
        double plain = assess(Learned.NOTHING, Pairs.seeker()).score();
        Learned.Appeal farAway = new Learned.Appeal(new int[] {9112}, new float[] {10}, 10, 3); // cleaners
        Assessment a = assess(new Facts(0, 0, farAway), Pairs.seeker());
        assertThat(a.score()).isEqualTo(plain);
        assertThat(reason(a, MatchScorer.APPEAL)).isNull();
    }
}
