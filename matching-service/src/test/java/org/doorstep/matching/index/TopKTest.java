package org.doorstep.matching.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The heap keeps exactly what sorting every offer and taking the first k would keep, in that order. */
class TopKTest {

    @Property
    void keepsTheBestKLikeAFullSort(@ForAll @Size(max = 300) List<@IntRange(min = 0, max = 40) Integer> scores,
                                    @ForAll @IntRange(min = 0, max = 60) int k) {
        TopK top = new TopK(k);
        List<long[]> offered = new ArrayList<>();
        for (int slot = 0; slot < scores.size(); slot++) {
            // few distinct scores, so ties (broken by the lower slot) are common; slots offered out of order
            int shuffled = (slot * 7919) % Math.max(1, scores.size());
            double score = scores.get(slot) / 40.0;
            top.offer(shuffled, score);
            offered.add(new long[] {shuffled, Double.doubleToLongBits(score)});
        }
        List<long[]> expected = offered.stream()
                .sorted(Comparator.<long[]>comparingDouble(e -> -TopK.score(e)).thenComparingLong(e -> e[0]))
                .limit(k)
                .toList();

        List<long[]> best = top.best();

        assertThat(best).hasSize(expected.size());
        for (int i = 0; i < best.size(); i++) {
            assertThat(best.get(i)).as("rank %d", i).containsExactly(expected.get(i));
        }
    }
}
