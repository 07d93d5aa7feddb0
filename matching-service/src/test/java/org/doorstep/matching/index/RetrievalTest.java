package org.doorstep.matching.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.doorstep.matching.scoring.Accommodation;
import org.doorstep.matching.scoring.Education;
import org.doorstep.matching.scoring.EmploymentType;
import org.doorstep.matching.scoring.KeyGroup;
import org.doorstep.matching.scoring.Masks;
import org.doorstep.matching.scoring.MatchScorer;
import org.doorstep.matching.scoring.MatchingPolicy;
import org.doorstep.matching.scoring.Posting;
import org.doorstep.matching.scoring.Salary;
import org.doorstep.matching.scoring.SalaryPeriod;
import org.doorstep.matching.scoring.Seeker;
import org.doorstep.matching.scoring.Workplace;
import org.doorstep.matching.taxonomy.BuiltInVocabulary;
import org.doorstep.matching.taxonomy.Taxonomy;
import org.junit.jupiter.api.Test;

/**
 * Index retrieval finds exactly what scoring everybody finds: the same top K, same order, same
 * scores, both ways, over random people and postings around a few cities (with every veto in play).
 */
class RetrievalTest {

    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    private static final double[][] CITIES = {{30.57, 104.07}, {31.23, 121.47}, {39.90, 116.40}, {30.65, 104.10}, {60.0, 10.0}};
    private final Taxonomy taxonomy = BuiltInVocabulary.load();
    private final MatchingPolicy policy = MatchingPolicy.defaults();
    private final MatchScorer scorer = new MatchScorer(policy, taxonomy);
    private final int[] skills = taxonomy.knownSkills().stream().limit(25).mapToInt(s -> s.ord()).toArray();
    private final int[] iscos = {2512, 2511, 2521, 5322, 7212, 8322, 2221};

    private int[] someSkills(SplittableRandom r, int max) {
        return r.ints(1 + r.nextInt(max), 0, skills.length).map(i -> skills[i]).distinct().sorted().toArray();
    }

    private Seeker seeker(SplittableRandom r, int i) {
        double[] city = CITIES[r.nextInt(CITIES.length)];
        float[] distances = {Float.NaN, 3, 5, 8, 12, 20, 40, 80, 250, 900, 5000};
        boolean located = r.nextInt(20) > 0;
        return new Seeker("s" + i, 1, located, city[0] + r.nextGaussian() * 0.3, city[1] + r.nextGaussian() * 0.3, null,
                distances[r.nextInt(distances.length)], r.nextInt(4) == 0,
                r.nextBoolean() ? new int[] {iscos[r.nextInt(iscos.length)]} : new int[0], someSkills(r, 5),
                r.nextInt(4) == 0 ? null : Education.values()[r.nextInt(7)], r.nextInt(4) == 0 ? Float.NaN : r.nextInt(10),
                r.nextBoolean() ? 5000 + r.nextInt(20000) : Float.NaN, "CNY", 0,
                r.nextInt(5) == 0 ? Masks.of(List.of(KeyGroup.values()[r.nextInt(6)])) : 0,
                r.nextInt(8) == 0 ? Masks.of(List.of(Accommodation.values()[r.nextInt(6)])) : 0);
    }

    private Posting posting(SplittableRandom r, int i) {
        double[] city = CITIES[r.nextInt(CITIES.length)];
        int[] required = someSkills(r, 3);
        int[] optional = java.util.Arrays.stream(someSkills(r, 3)).filter(s -> java.util.Arrays.binarySearch(required, s) < 0).toArray();
        return new Posting("p" + i, "partner", "EXT" + i, 1, true, "t", city[0] + r.nextGaussian() * 0.3,
                city[1] + r.nextGaussian() * 0.3, null, null, Workplace.values()[r.nextInt(3)], EmploymentType.FULL_TIME,
                new Salary(8000, 12000, "CNY", SalaryPeriod.MONTH), r.nextInt(3) == 0 ? 0 : iscos[r.nextInt(iscos.length)],
                false, required, optional, r.nextBoolean() ? null : Education.values()[r.nextInt(7)],
                r.nextBoolean() ? Float.NaN : r.nextInt(6), r.nextInt(5) == 0 ? Masks.of(List.of(KeyGroup.COLLEGE_GRADUATE)) : 0,
                r.nextInt(3) == 0 ? Masks.of(List.of(Accommodation.values()[r.nextInt(6)])) : 0, List.of(),
                r.nextInt(20) == 0 ? NOW.minusSeconds(60) : NOW.plusSeconds(86_400), NOW.minusSeconds(r.nextInt(86_400 * 40)));
    }

    @Test
    void aPostingRetrievesExactlyTheSeekersAFullScanWouldRankInTheTopK() {
        SplittableRandom r = new SplittableRandom(7);
        try (SeekerIndex index = new SeekerIndex(policy)) {
            for (int i = 0; i < 4000; i++) {
                index.upsert(seeker(r, i));
            }
            for (int i = 0; i < 300; i++) {
                index.upsert(seeker(r, r.nextInt(4000)));   // updates move people between cells and bands
            }
            for (int i = 0; i < 200; i++) {
                index.remove("s" + r.nextInt(4000));
            }
            assertTheIndexRanksWhatAScanRanks("posting", i -> posting(r, i), p -> index.match(p, scorer, 50, NOW),
                    p -> index.scan(p, scorer, 50, NOW));
        }
    }

    @Test
    void aProfileRetrievesExactlyThePostingsAFullScanWouldRankInTheTopK() {
        SplittableRandom r = new SplittableRandom(11);
        try (PostingIndex index = new PostingIndex(policy)) {
            for (int i = 0; i < 4000; i++) {
                index.upsert(posting(r, i));
            }
            assertTheIndexRanksWhatAScanRanks("seeker", i -> seeker(r, i), q -> index.match(q, scorer, 50, NOW),
                    q -> index.scan(q, scorer, 50, NOW));
        }
    }

    @Test
    void aPostingFindsSeekersAcrossTheAntimeridian() {
        // Chukotka: 180 degrees east and west are a few kilometres apart
        SplittableRandom r = new SplittableRandom(13);
        try (SeekerIndex index = new SeekerIndex(policy)) {
            for (int i = 0; i < 400; i++) {
                Seeker s = seeker(r, i);
                double lon = 179.9 + r.nextDouble() * 0.2;
                index.upsert(new Seeker(s.id(), 1, true, 65.0 + r.nextGaussian() * 0.05, lon >= 180 ? lon - 360 : lon, null,
                        s.maxDistanceKm(), s.remoteOk(), s.occupations(), s.skills(), s.education(), s.experienceYears(),
                        s.salaryMonthlyMin(), s.salaryCurrency(), s.employmentTypes(), s.keyGroups(), 0));
            }
            int across = 0;
            for (int i = 0; i < 60; i++) {
                Posting p = posting(r, i);
                double lon = i % 2 == 0 ? 179.97 : -179.97;
                Posting near = new Posting(p.id(), p.partnerId(), p.externalId(), 1, true, p.title(), 65.0, lon, null, null,
                        Workplace.ONSITE, p.employmentType(), p.salary(), p.isco(), false, p.requiredSkills(), p.optionalSkills(),
                        null, Float.NaN, 0, 0, List.of(), p.validThrough(), p.updatedAt());
                Retrieved<Seeker> viaIndex = index.match(near, scorer, 400, NOW);
                assertThat(ids(viaIndex)).as("posting %d", i).isEqualTo(ids(index.scan(near, scorer, 400, NOW)));
                across += (int) viaIndex.ranked().stream().filter(m -> Math.signum(m.item().lon()) != Math.signum(lon)).count();
            }
            assertThat(across).as("matches on the other side of the antimeridian").isGreaterThan(20);
        }
    }

    /** 150 queries: the index's top 50 for each is the full scan's, and more than 50 of them find someone. */
    private static <Q, T> void assertTheIndexRanksWhatAScanRanks(String what, IntFunction<Q> query,
                                                                 Function<Q, Retrieved<T>> viaIndex,
                                                                 Function<Q, Retrieved<T>> viaScan) {
        int nonEmpty = 0;
        for (int i = 0; i < 150; i++) {
            Q q = query.apply(i);
            Retrieved<T> found = viaIndex.apply(q);
            assertThat(ids(found)).as("%s %d", what, i).isEqualTo(ids(viaScan.apply(q)));
            nonEmpty += found.ranked().isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).isGreaterThan(50);
    }

    private static <T> List<String> ids(Retrieved<T> retrieved) {
        return retrieved.ranked().stream().map(r -> (r.item() instanceof Seeker s ? s.id() : ((Posting) r.item()).id())
                + "@" + r.score()).toList();
    }
}
