package org.doorstep.matching.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TitleClassifierTest {

    private static TitleClassifier trained() {
        TitleClassifier classifier = new TitleClassifier(4);
        for (String t : new String[] {"welder", "arc welder", "welding machine operator", "welding operative"}) {
            classifier.add(t, 0);
        }
        for (String t : new String[] {"baker", "pastry baker", "bread maker", "bakery operative"}) {
            classifier.add(t, 1);
        }
        for (String t : new String[] {"crane operator", "crane driver", "tower crane operator"}) {
            classifier.add(t, 2);
        }
        for (String t : new String[] {"bus driver", "coach driver", "bus operator"}) {
            classifier.add(t, 3);
        }
        classifier.train(20, 2, 0, 1, 7);
        return classifier;
    }

    private static int best(Map<Integer, Double> scores) {
        return scores.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    @Test
    void ranksTheOccupationWhoseTitlesShareTheSeparatingWordFirst() {
        TitleClassifier classifier = trained();

        assertThat(best(classifier.scores("tig welder"))).isEqualTo(0);
        assertThat(best(classifier.scores("bread baker"))).isEqualTo(1);
        // "operator" is in three occupations, "crane" in one: the crane decides
        assertThat(best(classifier.scores("crane machine operator"))).isEqualTo(2);
        // "driver" is in two, "bus" in one
        assertThat(best(classifier.scores("bus coach driver"))).isEqualTo(3);
    }

    @Test
    void givesProbabilitiesThatSumToAtMostOne() {
        Map<Integer, Double> scores = trained().scores("welding operator");

        assertThat(scores.values()).allSatisfy(p -> assertThat(p).isBetween(0.0, 1.0));
        assertThat(scores.values().stream().mapToDouble(Double::doubleValue).sum()).isLessThanOrEqualTo(1.0 + 1e-9);
        assertThat(scores.get(0)).isGreaterThan(scores.getOrDefault(1, 0.0));
    }

    @Test
    void scoresNothingForATitleWithNoKnownFeature() {
        assertThat(trained().scores("zzz")).isEmpty();
    }

    @Test
    void trainsTheSameWeightsFromTheSameSeed() {
        Map<Integer, Double> first = trained().scores("crane driver");
        Map<Integer, Double> second = trained().scores("crane driver");

        assertThat(second.keySet()).isEqualTo(first.keySet());
        first.forEach((c, p) -> assertThat(second.get(c)).isCloseTo(p, within(1e-12)));
    }

    @Test
    void leavesOutFeaturesOfMoreThanTheGivenShareOfOccupations() {
        TitleClassifier all = new TitleClassifier(2, 3, 3);
        TitleClassifier rare = new TitleClassifier(2, 3, 3);
        for (TitleClassifier c : new TitleClassifier[] {all, rare}) {
            c.add("crane operator", 0);
            c.add("bus operator", 1);
        }
        all.train(5, 1, 0, 1, 1);
        rare.train(5, 1, 0, 0.5, 1);

        // "operator" and its trigrams are in both occupations: only the full model keeps weights for them
        assertThat(all.scores("operator")).containsOnlyKeys(0, 1);
        assertThat(rare.scores("operator")).isEmpty();
        assertThat(rare.weightCount()).isLessThan(all.weightCount());
    }
}
