package org.doorstep.matching.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.doorstep.matching.extraction.ProfileInference;
import org.doorstep.matching.extraction.SkillExtractor;
import org.doorstep.matching.taxonomy.Reuse;
import org.doorstep.matching.taxonomy.SkillConcept;
import org.doorstep.matching.taxonomy.Taxonomy;
import org.doorstep.matching.taxonomy.TaxonomyLoader;
import org.doorstep.matching.taxonomy.TaxonomyProperties;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/**
 * Properties of evidence-weighted scoring over the full ESCO taxonomy shipped with the service, with
 * occupations inferred from skills as the service infers them (issue 11's "done when").
 */
class EvidencePropertiesTest {

    private static final Taxonomy ESCO = TaxonomyLoader.load(new TaxonomyProperties(null, true));
    private static final ProfileInference INFERENCE = new ProfileInference(ESCO, new SkillExtractor(ESCO));
    private static final MatchScorer SCORER = new MatchScorer(MatchingPolicy.defaults(), ESCO);
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    private static final int[] TRANSVERSAL = ofReuse(Reuse.TRANSVERSAL);
    private static final int[] OCCUPATION_SPECIFIC = ofReuse(Reuse.OCCUPATION_SPECIFIC);
    private static final int[] SPECIFIC = IntStream.range(0, ESCO.knownSkillCount())
            .filter(s -> ESCO.concept(s).reuse() != Reuse.TRANSVERSAL && ESCO.concept(s).reuse() != Reuse.UNKNOWN).toArray();

    private static int[] ofReuse(Reuse level) {
        return ESCO.knownSkills().stream().filter(c -> c.reuse() == level).mapToInt(SkillConcept::ord).toArray();
    }

    @Provide
    Arbitrary<int[]> skillSets() {
        return Arbitraries.of(toList(SPECIFIC)).set().ofMinSize(1).ofMaxSize(15)
                .map(set -> set.stream().mapToInt(Integer::intValue).sorted().toArray());
    }

    @Property(tries = 300)
    void addingASpecificRequiredSkillToASeekerNeverLowersTheScore(@ForAll("skillSets") int[] required,
                                                                   @ForAll("skillSets") int[] held) {
        int missing = IntStream.of(required).filter(s -> IntStream.of(held).noneMatch(h -> h == s)).findFirst().orElse(-1);
        if (missing < 0) {
            return;
        }
        Posting posting = posting(required, new int[0]);
        double before = effective(posting, seeker(held));
        int[] more = IntStream.concat(IntStream.of(held), IntStream.of(missing)).sorted().distinct().toArray();
        double after = effective(posting, seeker(more));
        assertThat(after).isGreaterThanOrEqualTo(before - 1e-12);
    }

    @Property(tries = 300)
    void aTransversalSkillAloneNeverOutranksASharedOccupationSpecificSkill(@ForAll("transversal") int transversal,
                                                                            @ForAll("occupationSpecific") int specific,
                                                                            @ForAll("skillSets") int[] others) {
        int[] rest = IntStream.of(others).filter(s -> s != transversal && s != specific).toArray();
        int[] seekerSkills = IntStream.concat(IntStream.of(rest), IntStream.of(transversal, specific)).sorted().distinct().toArray();
        // two postings alike but for the one skill they share with the seeker (the rest the seeker lacks)
        int[] unrelated = IntStream.of(SPECIFIC).filter(s -> IntStream.of(seekerSkills).noneMatch(h -> h == s))
                .limit(4).toArray();
        Posting sharesTransversal = posting(withSkill(unrelated, transversal), new int[0]);
        Posting sharesSpecific = posting(withSkill(unrelated, specific), new int[0]);
        Seeker seeker = seeker(seekerSkills);
        assertThat(SCORER.score(sharesSpecific, seeker, NOW)).isGreaterThan(SCORER.score(sharesTransversal, seeker, NOW));
    }

    @Example
    void distinctPostingsOfOneOccupationGroupGetDistinctScoresForTheSameSeeker() {
        // every occupation of ISCO 2512 (software developers) as a posting with its title and essential skills,
        // against a seeker who states "software developer" and shares no skill: the evidence is equal, the
        // tie-break (how much of its occupation's profile each posting lists) is not
        List<Posting> postings = new ArrayList<>();
        ESCO.occupations().stream().filter(o -> o.isco() == 2512 && ESCO.profileOf(o) >= 0).forEach(o ->
                postings.add(new Posting("p-" + o.key(), "partner", o.key(), 1, true, o.label(), 31.2, 121.4, null, null,
                        Workplace.ONSITE, EmploymentType.FULL_TIME, null, o.isco(), true, ESCO.essentialSkills(ESCO.profileOf(o)),
                        new int[0], null, Float.NaN, 0, 0, List.of(), NOW.plusSeconds(86_400), NOW, 1f, new int[0],
                        new float[0], ESCO.profileOf(o))));
        ProfileInference.Occupations stated = INFERENCE.seekerOccupations(new int[0], List.of("software developer"));
        Seeker seeker = new Seeker("s", 1, true, 31.2, 121.4, null, Float.NaN, false, stated.isco(), new int[0], null,
                Float.NaN, Float.NaN, null, 0, 0, 0, stated.confidence());
        List<Double> scores = postings.stream().map(p -> SCORER.score(p, seeker, NOW)).toList();
        assertThat(postings).hasSizeGreaterThan(3);
        assertThat(scores).doesNotContain(MatchScorer.NO_MATCH).doesNotHaveDuplicates();
    }

    @Provide
    Arbitrary<Integer> transversal() {
        return Arbitraries.of(toList(TRANSVERSAL));
    }

    @Provide
    Arbitrary<Integer> occupationSpecific() {
        return Arbitraries.of(toList(OCCUPATION_SPECIFIC));
    }

    private static int[] withSkill(int[] skills, int skill) {
        return IntStream.concat(IntStream.of(skills), IntStream.of(skill)).sorted().distinct().toArray();
    }

    private static List<Integer> toList(int[] values) {
        return IntStream.of(values).boxed().toList();
    }

    private static Posting posting(int[] required, int[] optional) {
        ProfileInference.PostingOccupation occupation = INFERENCE.postingOccupation(null, "", required);
        return new Posting("p", "partner", "x", 1, true, "", 31.2, 121.4, null, null, Workplace.ONSITE,
                EmploymentType.FULL_TIME, null, occupation.isco(), occupation.derived(), required, optional, null,
                Float.NaN, 0, 0, List.of(), NOW.plusSeconds(86_400), NOW, occupation.confidence(), new int[0],
                new float[0], occupation.profile());
    }

    private static Seeker seeker(int[] skills) {
        ProfileInference.Occupations occupations = INFERENCE.seekerOccupations(skills, List.of());
        return new Seeker("s", 1, true, 31.2, 121.4, null, Float.NaN, false, occupations.isco(), skills, null,
                Float.NaN, Float.NaN, null, 0, 0, 0, occupations.confidence());
    }

    private static double effective(Posting posting, Seeker seeker) {
        return Math.max(0, SCORER.score(posting, seeker, NOW));
    }
}
