package org.doorstep.matching.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The match-quality metrics on tiny rankings, every expected value worked out by hand in the comment. */
class RankingMetricsTest {

    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void precisionCountsRelevantItemsInTheFirstK() {
        // 2 relevant among the first 4 -> 2/4
        assertThat(RankingMetrics.precisionAt(new boolean[] {T, F, T, F, T}, 4)).isEqualTo(0.5);
        // 3 relevant among 5 -> 3/5
        assertThat(RankingMetrics.precisionAt(new boolean[] {T, F, T, F, T}, 5)).isEqualTo(0.6);
        // the 5th item is beyond k = 2 -> 1/2
        assertThat(RankingMetrics.precisionAt(new boolean[] {F, T, F, F, T}, 2)).isEqualTo(0.5);
        assertThat(RankingMetrics.precisionAt(new boolean[] {F, F, F}, 3)).isZero();
        assertThat(RankingMetrics.precisionAt(new boolean[] {T, T, T}, 3)).isEqualTo(1.0);
    }

    @Test
    void aShortRankingIsDividedByKNotByItsLength() {
        // 2 items, both relevant, k = 10 -> 2/10
        assertThat(RankingMetrics.precisionAt(new boolean[] {T, T}, 10)).isEqualTo(0.2);
        assertThat(RankingMetrics.precisionAt(new boolean[0], 10)).isZero();
    }

    @Test
    void dcgDiscountsByLogOfRankPlusOne() {
        // relevant at ranks 1 and 3: 1/log2(2) + 1/log2(4) = 1 + 0.5 = 1.5
        assertThat(RankingMetrics.dcgAt(new boolean[] {T, F, T}, 3)).isCloseTo(1.5, within(1e-12));
        // relevant at rank 3 only: 1/log2(4) = 0.5
        assertThat(RankingMetrics.dcgAt(new boolean[] {F, F, T}, 3)).isCloseTo(0.5, within(1e-12));
        // relevant at rank 7 only: 1/log2(8) = 1/3
        assertThat(RankingMetrics.dcgAt(new boolean[] {F, F, F, F, F, F, T}, 10)).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void ndcgIsOneForAPerfectRanking() {
        // 2 relevant available, both at the top
        assertThat(RankingMetrics.ndcgAt(new boolean[] {T, T, F, F}, 2, 4)).isCloseTo(1.0, within(1e-12));
        // 100 relevant available, k = 3, all 3 places relevant: the ideal is capped at k
        assertThat(RankingMetrics.ndcgAt(new boolean[] {T, T, T}, 100, 3)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void ndcgByHand() {
        // relevant at ranks 1 and 3, 2 available, k = 3:
        //   DCG = 1 + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3) = 1.6309297535714575; NDCG = 0.9197207891481876
        assertThat(RankingMetrics.ndcgAt(new boolean[] {T, F, T}, 2, 3)).isCloseTo(0.9197207891481876, within(1e-12));
        // relevant at rank 2 only, 1 available, k = 3: DCG = 1/log2(3) = 0.6309297535714575, ideal = 1
        assertThat(RankingMetrics.ndcgAt(new boolean[] {F, T, F}, 1, 3)).isCloseTo(0.6309297535714575, within(1e-12));
        // relevant at rank 3 only, 5 available, k = 3: DCG = 0.5, ideal = 1 + 0.6309297535714575 + 0.5 = 2.1309297535714573
        //   NDCG = 0.5 / 2.1309297535714573 = 0.23463936301137822
        assertThat(RankingMetrics.ndcgAt(new boolean[] {F, F, T}, 5, 3)).isCloseTo(0.23463936301137822, within(1e-12));
    }

    @Test
    void ndcgCountsRelevantPostingsTheRankerMissed() {
        // one relevant at rank 1, but 2 exist and the ranking stops after 1 item: DCG = 1, ideal = 1.6309297535714575
        assertThat(RankingMetrics.ndcgAt(new boolean[] {T}, 2, 10)).isCloseTo(1 / 1.6309297535714575, within(1e-12));
    }

    @Test
    void ndcgIsZeroWhenNothingIsRelevantOrNothingExists() {
        assertThat(RankingMetrics.ndcgAt(new boolean[] {F, F, F}, 4, 3)).isZero();
        assertThat(RankingMetrics.ndcgAt(new boolean[] {F, F, F}, 0, 3)).isZero();
        assertThat(RankingMetrics.ndcgAt(new boolean[0], 3, 10)).isZero();
    }

    @Test
    void kMustBePositive() {
        assertThatThrownBy(() -> RankingMetrics.precisionAt(new boolean[] {T}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RankingMetrics.ndcgAt(new boolean[] {T}, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void meanOfNothingIsNaN() {
        RankingMetrics.Mean mean = new RankingMetrics.Mean();
        assertThat(mean.mean()).isNaN();
        mean.add(0.25);
        mean.add(0.75);
        assertThat(mean.mean()).isEqualTo(0.5);
        assertThat(mean.count()).isEqualTo(2);
    }
}
