package org.doorstep.matching.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.doorstep.matching.scoring.Pairs.P;
import org.doorstep.matching.scoring.Pairs.S;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/** Properties of the score over generated pairs. */
class ScorePropertiesTest {

    private static final String[] SKILLS = {"Java", "SQL", "Kafka", "Kotlin", "MySQL", "JavaScript", "Spring Framework", "Welding"};
    private final MatchScorer scorer = new MatchScorer(MatchingPolicy.defaults(), Pairs.TAXONOMY);

    record Pair(P posting, S seeker) {
    }

    @Provide
    Arbitrary<Pair> pairs() {
        Arbitrary<int[]> skillSets = Arbitraries.of(SKILLS).set().ofMaxSize(5)
                .map(set -> Pairs.skills(set.toArray(String[]::new)));
        Arbitrary<Integer> iscos = Arbitraries.of(0, 2512, 2514, 2521, 2611, 9111);
        Arbitrary<Education> educations = Arbitraries.of(Education.class).injectNull(0.3);
        Arbitrary<Float> years = Arbitraries.floats().between(0, 12).injectNull(0.3).map(f -> f == null ? Float.NaN : f);
        Arbitrary<Integer> masks = Arbitraries.integers().between(0, 63);
        Arbitrary<P> postings = Combinators.combine(skillSets, skillSets, iscos, educations, years, masks,
                Arbitraries.of(Workplace.class), Arbitraries.integers().between(0, 90)).as((req, opt, isco, edu, exp, groups, wp, age) -> {
                    P p = Pairs.posting();
                    p.required = req;
                    p.optional = IntStream.of(opt).filter(x -> Arrays.binarySearch(req, x) < 0).toArray();
                    p.isco = isco;
                    p.minEducation = edu;
                    p.minExperience = exp;
                    p.targetGroups = groups;
                    p.workplace = wp;
                    p.updatedAt = Pairs.NOW.minusSeconds(86_400L * age);
                    return p;
                });
        Arbitrary<S> seekers = Combinators.combine(skillSets, Arbitraries.of(2512, 2514, 2521, 9111).list().ofMaxSize(2),
                educations, years, masks, Arbitraries.floats().between(1, 100), Arbitraries.doubles().between(0, 120),
                Arbitraries.of(true, false)).as((skills, occ, edu, exp, groups, maxKm, km, remote) -> {
                    S s = Pairs.seeker();
                    s.skills = skills;
                    s.occupations = occ.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
                    s.education = edu;
                    s.experience = exp;
                    s.keyGroups = groups;
                    s.maxDistanceKm = maxKm;
                    s.lat = Pairs.north(km);
                    s.remoteOk = remote;
                    s.salary = new float[] {Float.NaN, 8000f, 16000f, 30000f}[km.intValue() % 4];
                    s.currency = Float.isNaN(s.salary) ? null : "CNY";
                    return s;
                });
        return Combinators.combine(postings, seekers).as(Pair::new);
    }

    @Property(tries = 500)
    void theScoreIsAlwaysBetweenZeroAndOne(@ForAll("pairs") Pair pair) {
        Assessment a = scorer.assess(pair.posting().build(), pair.seeker().build(), Pairs.NOW);
        assertThat(a.score()).isBetween(0.0, 1.0);
        double fast = scorer.score(pair.posting().build(), pair.seeker().build(), Pairs.NOW);
        assertThat(fast == MatchScorer.NO_MATCH || (fast >= 0 && fast <= 1)).isTrue();
        assertThat(fast == MatchScorer.NO_MATCH).isEqualTo(a.vetoed());
    }

    /** Retrieval scores through a prepared posting (skills compiled into masks): it must agree with the pair path. */
    @Property(tries = 2_000)
    void aPreparedPostingScoresExactlyAsThePairByPairPath(@ForAll("pairs") Pair pair) {
        Posting posting = pair.posting().build();
        Seeker seeker = pair.seeker().build();
        assertThat(scorer.prepare(posting, Pairs.NOW).score(seeker))
                .isCloseTo(scorer.score(posting, seeker, Pairs.NOW), org.assertj.core.data.Offset.offset(1e-12));
    }

    /** The scorer rejects on the latitude difference alone before the great-circle formula: a lower bound. */
    @Property(tries = 2_000)
    void theDistanceAlongTheMeridianNeverExceedsTheGreatCircleDistance(
            @ForAll @DoubleRange(min = -90, max = 90) double lat1, @ForAll @DoubleRange(min = -180, max = 180) double lon1,
            @ForAll @DoubleRange(min = -90, max = 90) double lat2, @ForAll @DoubleRange(min = -180, max = 180) double lon2) {
        assertThat(Geo.kmAlongMeridian(lat1, lat2)).isLessThanOrEqualTo(Geo.km(lat1, lon1, lat2, lon2) + 1e-6);
    }

    @Property(tries = 500)
    void theScoreNeverIncreasesWithDistance(@ForAll("pairs") Pair pair, @ForAll @DoubleRange(min = 0, max = 50) double further) {
        S near = pair.seeker();
        double before = effective(pair.posting(), near);
        near.lat = near.lat + further / 111.195;
        double after = effective(pair.posting(), near);
        assertThat(after).isLessThanOrEqualTo(before + 1e-9);
    }

    @Property(tries = 500)
    void theScoreNeverDecreasesWhenTheSeekerGainsARequiredSkill(@ForAll("pairs") Pair pair) {
        P posting = pair.posting();
        S seeker = pair.seeker();
        List<Integer> missing = IntStream.of(posting.required).filter(x -> Arrays.binarySearch(seeker.skills, x) < 0).boxed().toList();
        if (missing.isEmpty()) {
            return;
        }
        double before = effective(posting, seeker);
        seeker.skills = IntStream.concat(IntStream.of(seeker.skills), IntStream.of(missing.get(0))).sorted().distinct().toArray();
        double after = effective(posting, seeker);
        assertThat(after).isGreaterThanOrEqualTo(before - 1e-9);
    }

    /** The score a pair effectively gets: 0 when vetoed. */
    private double effective(P posting, S seeker) {
        return Math.max(0, scorer.score(posting.build(), seeker.build(), Pairs.NOW));
    }
}
