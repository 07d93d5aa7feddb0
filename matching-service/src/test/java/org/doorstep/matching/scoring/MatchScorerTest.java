package org.doorstep.matching.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.doorstep.matching.scoring.Pairs.P;
import org.doorstep.matching.scoring.Pairs.S;
import org.junit.jupiter.api.Test;

/** Every factor and every veto of DESIGN 6, one at a time. */
class MatchScorerTest {

    private final MatchScorer scorer = new MatchScorer(MatchingPolicy.defaults(), Pairs.TAXONOMY);

    private Assessment assess(P p, S s) {
        return scorer.assess(p.build(), s.build(), Pairs.NOW);
    }

    private static Reason reason(Assessment a, String factor) {
        return a.reasons().stream().filter(r -> r.factor().equals(factor)).findFirst().orElseThrow();
    }

    private static List<String> vetoes(Assessment a) {
        return a.vetoes().stream().map(Veto::rule).toList();
    }

    @Test
    void scoresAPerfectNearbyPairHighWithEveryReason() {
        Assessment a = assess(Pairs.posting(), Pairs.seeker());

        assertThat(a.vetoed()).isFalse();
        assertThat(a.score()).isGreaterThan(0.8).isLessThanOrEqualTo(1.0);
        assertThat(a.reasons()).extracting(Reason::factor).contains("occupation", "skills", "distance", "freshness")
                .doesNotContain("completeness");
        assertThat(scorer.explain(Pairs.posting().build(), Pairs.seeker().build(), Pairs.NOW).reasons())
                .extracting(Reason::factor).contains("completeness");
        assertThat(reason(a, "skills").detail()).isEqualTo("2 of 2 required skills: Java, SQL; 0 of 1 other skills;"
                + " covers 80% of the posting's weighted skills, uses 100% of the seeker's");
        assertThat(reason(a, "distance").detail()).isEqualTo("5.6 km away");
    }

    @Test
    void vetoesASeekerBeyondTheirOwnDistance() {
        S s = Pairs.seeker();
        s.lat = Pairs.north(16);

        Assessment a = assess(Pairs.posting(), s);

        assertThat(vetoes(a)).containsExactly("distance");
        assertThat(scorer.score(Pairs.posting().build(), s.build(), Pairs.NOW)).isEqualTo(MatchScorer.NO_MATCH);
    }

    @Test
    void letsARemoteReadySeekerTakeARemoteJobAnywhere() {
        P p = Pairs.posting();
        p.workplace = Workplace.REMOTE;
        S s = Pairs.seeker();
        s.lat = Pairs.north(900);
        s.remoteOk = true;

        Assessment a = assess(p, s);

        assertThat(a.vetoed()).isFalse();
        assertThat(reason(a, "distance").value()).isEqualTo(1.0);
        assertThat(reason(a, "distance").detail()).startsWith("remote job");
    }

    @Test
    void usesTheDefaultDistanceWhenTheSeekerGivesNone() {
        S s = Pairs.seeker();
        s.maxDistanceKm = Float.NaN;
        s.lat = Pairs.north(24);
        assertThat(assess(Pairs.posting(), s).vetoed()).isFalse();
        s.lat = Pairs.north(26);
        assertThat(vetoes(assess(Pairs.posting(), s))).containsExactly("distance");
    }

    @Test
    void vetoesEducationBelowTheMinimumBeyondTheTolerance() {
        P p = Pairs.posting();
        p.minEducation = Education.BACHELOR;
        S s = Pairs.seeker();
        s.education = Education.VOCATIONAL;
        assertThat(assess(p, s).vetoed()).isFalse();
        s.education = Education.SECONDARY;
        assertThat(vetoes(assess(p, s))).containsExactly("education");
    }

    @Test
    void vetoesExperienceBelowTheMinimumBeyondTheToleranceAndScoresTheShortfall() {
        P p = Pairs.posting();
        p.minExperience = 3;
        S s = Pairs.seeker();
        s.experience = 2;
        Assessment close = assess(p, s);
        assertThat(close.vetoed()).isFalse();
        assertThat(reason(close, "experience").value()).isCloseTo(2.0 / 3, within(1e-3));
        s.experience = 1.5f;
        assertThat(vetoes(assess(p, s))).containsExactly("experience");
        s.experience = 5;
        assertThat(reason(assess(p, s), "experience").value()).isEqualTo(1.0);
    }

    @Test
    void vetoesAnOnSiteJobWithoutAnAccommodationTheSeekerNeeds() {
        P p = Pairs.posting();
        S s = Pairs.seeker();
        s.needs = Masks.of(List.of(Accommodation.WHEELCHAIR_ACCESS));
        assertThat(vetoes(assess(p, s))).containsExactly("accommodation");
        p.accommodations = Masks.of(List.of(Accommodation.WHEELCHAIR_ACCESS, Accommodation.FLEXIBLE_HOURS));
        assertThat(assess(p, s).vetoed()).isFalse();
        p.accommodations = 0;
        p.workplace = Workplace.REMOTE;
        assertThat(assess(p, s).vetoed()).isFalse();
    }

    @Test
    void vetoesClosedAndExpiredPostings() {
        P closed = Pairs.posting();
        closed.open = false;
        assertThat(vetoes(assess(closed, Pairs.seeker()))).containsExactly("posting-closed");
        P expired = Pairs.posting();
        expired.validThrough = Pairs.NOW.minusSeconds(1);
        assertThat(vetoes(assess(expired, Pairs.seeker()))).containsExactly("posting-expired");
    }

    @Test
    void vetoesAPairThatSharesNeitherSkillNorOccupationGroup() {
        S s = Pairs.seeker();
        s.skills = Pairs.skills("Welding");
        s.occupations = new int[] {7212};
        assertThat(vetoes(assess(Pairs.posting(), s))).containsExactly("relevance");
        s.occupations = new int[] {2519};
        assertThat(assess(Pairs.posting(), s).vetoed()).isFalse();
    }

    @Test
    void scoresOccupationByTheIscoHierarchy() {
        S s = Pairs.seeker();
        s.occupations = new int[] {2512};
        assertThat(reason(assess(Pairs.posting(), s), "occupation").value()).isEqualTo(1.0);
        s.occupations = new int[] {2514};
        assertThat(reason(assess(Pairs.posting(), s), "occupation").value()).isEqualTo(0.7);
        s.occupations = new int[] {2521};
        assertThat(reason(assess(Pairs.posting(), s), "occupation").value()).isEqualTo(0.4);
        s.occupations = new int[] {2611};
        assertThat(reason(assess(Pairs.posting(), s), "occupation").value()).isEqualTo(0.2);
        s.occupations = new int[] {9111};
        assertThat(reason(assess(Pairs.posting(), s), "occupation").value()).isEqualTo(0.0);
        s.occupations = new int[0];
        assertThat(assess(Pairs.posting(), s).reasons()).extracting(Reason::factor).doesNotContain("occupation");
    }

    @Test
    void countsRequiredSkillsDoubleAndRelatedSkillsInPartBothWays() {
        // the built-in vocabulary grades no skill, so all weigh the same here: coverage is a count
        S s = Pairs.seeker();
        s.skills = Pairs.skills("Java");
        // posting side: Java 2 of (2 + 2 + 1); seeker side: all of theirs used
        assertThat(reason(assess(Pairs.posting(), s), "skills").value()).isCloseTo(Math.sqrt(2.0 / 5), within(1e-3));
        s.skills = Pairs.skills("Kafka");
        assertThat(reason(assess(Pairs.posting(), s), "skills").value()).isCloseTo(Math.sqrt(1.0 / 5), within(1e-3));
        s.skills = Pairs.skills("Java", "MySQL");
        Reason related = reason(assess(Pairs.posting(), s), "skills");
        // MySQL is related to SQL: half credit on both sides
        assertThat(related.value()).isCloseTo(Math.sqrt((2 + 0.5 * 2) / 5.0 * (1 + 0.5) / 2), within(1e-3));
        assertThat(related.detail()).contains("related to SQL");
        s.skills = Pairs.skills("Java", "Welding");
        // a skill the posting does not use halves the seeker side
        assertThat(reason(assess(Pairs.posting(), s), "skills").value()).isCloseTo(Math.sqrt(2.0 / 5 * 1 / 2), within(1e-3));
    }

    @Test
    void normalisesSkillAliasesSoJsIsJavaScript() {
        assertThat(Pairs.skill("JS")).isEqualTo(Pairs.skill("JavaScript")).isEqualTo(Pairs.skill("javascript "));
    }

    @Test
    void decaysWithDistanceToHalfAtTheSeekersLimit() {
        S s = Pairs.seeker();
        s.lat = Pairs.LAT;
        assertThat(reason(assess(Pairs.posting(), s), "distance").value()).isEqualTo(1.0);
        s.lat = Pairs.north(14.999);
        assertThat(reason(assess(Pairs.posting(), s), "distance").value()).isCloseTo(0.5, within(1e-3));
    }

    @Test
    void scoresSalaryFitInTheSeekersCurrencyAtTheReferenceRates() {
        S s = Pairs.seeker();
        s.salary = 15000;
        s.currency = "CNY";
        assertThat(reason(assess(Pairs.posting(), s), "salary").value()).isEqualTo(1.0);
        s.salary = 24000;
        assertThat(reason(assess(Pairs.posting(), s), "salary").value()).isCloseTo(0.5, within(1e-3));
        s.salary = 40000;
        assertThat(reason(assess(Pairs.posting(), s), "salary").value()).isEqualTo(0.0);
        s.currency = "EUR"; // 18,000 CNY at 7.8 CNY per EUR: 2,308 EUR
        s.salary = 2000;
        Reason salary = reason(assess(Pairs.posting(), s), "salary");
        assertThat(salary.value()).isEqualTo(1.0);
        assertThat(salary.detail()).isEqualTo("pays up to 18,000 CNY (about 2,308 EUR) a month; expects 2,000");
        s.currency = "XYZ"; // no rate: not compared
        assertThat(assess(Pairs.posting(), s).reasons()).extracting(Reason::factor).doesNotContain("salary");
    }

    @Test
    void ratesSetByTheOperatorReplaceTheReferenceOnesCurrencyByCurrency() {
        MatchingPolicy d = MatchingPolicy.defaults();
        MatchingPolicy policy = new MatchingPolicy(d.threshold(), d.topK(), d.materialChange(), d.defaultMaxDistanceKm(),
                d.educationTolerance(), d.experienceToleranceYears(), d.relatedSkillCredit(), d.freshnessHalfLifeDays(),
                d.keyGroupBonus(), d.priorityBonus(), d.weights(), java.util.Map.of("eur", 8.0, "XYZ", 2.0));
        assertThat(policy.convert(100, "EUR", "CNY")).isEqualTo(800.0);
        assertThat(policy.convert(100, "XYZ", "EUR")).isEqualTo(25.0);
        assertThat(policy.convert(71, "CNY", "USD")).isCloseTo(10.0, within(1e-9));
        assertThat(policy.convert(1, "ABC", "CNY")).isNaN();
    }

    @Test
    void vetoesPayBelowTheSeekersMinimumAfterConvertingBothToAMonth() {
        P p = Pairs.posting();
        p.salary = new Salary(60, 80, "CNY", SalaryPeriod.HOUR); // up to 80 x 173.33 = 13,866 a month
        S s = Pairs.seeker();
        s.currency = "CNY";
        s.salary = (float) SalaryPeriod.MONTH.monthly(15_000);
        Assessment a = assess(p, s);
        assertThat(vetoes(a)).containsExactly("salary");
        assertThat(a.vetoes().getFirst().detail()).isEqualTo("pays up to 13,866 CNY a month, below the seeker's minimum of 15,000");
        assertThat(scorer.score(p.build(), s.build(), Pairs.NOW)).isEqualTo(MatchScorer.NO_MATCH);

        s.salary = (float) SalaryPeriod.YEAR.monthly(150_000); // 12,500 a month
        assertThat(vetoes(assess(p, s))).isEmpty();
        s.salary = (float) SalaryPeriod.DAY.monthly(700); // 15,169 a month
        assertThat(vetoes(assess(p, s))).containsExactly("salary");
        s.currency = "EUR"; // 13,866 CNY at 7.8 CNY per EUR: 1,778 EUR
        s.salary = 2000;
        a = assess(p, s);
        assertThat(vetoes(a)).containsExactly("salary");
        assertThat(a.vetoes().getFirst().detail())
                .isEqualTo("pays up to 13,866 CNY (about 1,778 EUR) a month, below the seeker's minimum of 2,000");
        s.currency = "XYZ"; // no rate: another currency is not compared
        assertThat(vetoes(assess(p, s))).isEmpty();
    }

    @Test
    void vetoesAnEmploymentTypeTheSeekerDoesNotAccept() {
        S s = Pairs.seeker();
        s.employmentTypes = Masks.of(List.of(EmploymentType.PART_TIME, EmploymentType.TEMPORARY));
        Assessment a = assess(Pairs.posting(), s);
        assertThat(vetoes(a)).containsExactly("employment-type");
        assertThat(a.vetoes().getFirst().detail()).isEqualTo("FULL_TIME is not among the seeker's [PART_TIME, TEMPORARY]");
        s.employmentTypes = Masks.of(List.of(EmploymentType.FULL_TIME));
        assertThat(vetoes(assess(Pairs.posting(), s))).isEmpty();
        s.employmentTypes = 0; // none stated: any
        assertThat(vetoes(assess(Pairs.posting(), s))).isEmpty();
    }

    @Test
    void vetoesAJobInNoLanguageTheSeekerSpeaks() {
        P p = Pairs.posting();
        p.languages = List.of("zh", "en");
        S s = Pairs.seeker();
        s.languages = List.of("fr");
        assertThat(vetoes(assess(p, s))).containsExactly("language");
        s.languages = List.of("fr", "en"); // one of the posting's working languages is enough
        assertThat(vetoes(assess(p, s))).isEmpty();
        s.languages = List.of(); // none stated: not vetoed
        assertThat(vetoes(assess(p, s))).isEmpty();
    }

    @Test
    void vetoesARequiredLicenceTheSeekerDoesNotHold() {
        P p = Pairs.posting();
        p.licences = List.of("forklift licence", "driving licence c");
        S s = Pairs.seeker();
        s.licences = List.of("driving licence c");
        Assessment a = assess(p, s);
        assertThat(vetoes(a)).containsExactly("licence");
        assertThat(a.vetoes().getFirst().detail()).isEqualTo("requires forklift licence, which the seeker does not hold");
        s.licences = List.of("driving licence c", "forklift licence", "first aid");
        assertThat(vetoes(assess(p, s))).isEmpty();
    }

    @Test
    void explainListsEveryVetoTheSeekerAskedFor() {
        P p = Pairs.posting();
        p.salary = new Salary(1000, 2000, "CNY", SalaryPeriod.MONTH);
        p.languages = List.of("zh");
        p.licences = List.of("forklift licence");
        S s = Pairs.seeker();
        s.currency = "CNY";
        s.salary = 5000;
        s.employmentTypes = Masks.of(List.of(EmploymentType.GIG));
        s.languages = List.of("en");
        assertThat(vetoes(assess(p, s))).containsExactly("salary", "employment-type", "language", "licence");
    }

    @Test
    void prefersFreshPostings() {
        P p = Pairs.posting();
        assertThat(reason(assess(p, Pairs.seeker()), "freshness").value()).isEqualTo(1.0);
        p.updatedAt = Pairs.NOW.minusSeconds(86_400L * 30);
        Reason stale = reason(assess(p, Pairs.seeker()), "freshness");
        assertThat(stale.value()).isCloseTo(0.5, within(1e-3));
        assertThat(stale.detail()).isEqualTo("posted 30 days ago");
    }

    @Test
    void addsTheKeyGroupBonusAndTheEmploymentDifficultyPriority() {
        P p = Pairs.posting();
        p.targetGroups = Masks.of(List.of(KeyGroup.COLLEGE_GRADUATE));
        S s = Pairs.seeker();
        s.skills = Pairs.skills("Java");
        double base = assess(p, s).score();
        s.keyGroups = Masks.of(List.of(KeyGroup.COLLEGE_GRADUATE));
        Assessment graduate = assess(p, s);
        // a bonus closes its share of the gap to 1, so the score stays in [0, 1] without a clamp
        assertThat(graduate.score()).isCloseTo(1 - (1 - base) * (1 - 0.1), within(1e-3)).isGreaterThan(base);
        // told to operators (explain), never in the match event's reasons: key-group membership stays in matching
        assertThat(reason(scorer.explain(p.build(), s.build(), Pairs.NOW), "keyGroup").detail()).isEqualTo("open to college graduates");
        assertThat(graduate.reasons()).extracting(Reason::factor).doesNotContain("keyGroup", "priority");
        s.keyGroups = Masks.of(List.of(KeyGroup.EMPLOYMENT_DIFFICULTY));
        Assessment priority = assess(p, s);
        assertThat(priority.score()).isCloseTo(1 - (1 - base) * (1 - 0.05), within(1e-3));
        assertThat(reason(scorer.explain(p.build(), s.build(), Pairs.NOW), "priority").value()).isEqualTo(0.05);
        assertThat(priority.reasons()).extracting(Reason::factor).doesNotContain("keyGroup", "priority");
    }

    @Test
    void aWeakPairStaysBelowTheThresholdThatAStrongOneClears() {
        // no floor lifts a pair that shares one optional skill of six, in an unrelated occupation, far and stale
        P p = Pairs.posting();
        p.required = Pairs.skills("Java", "SQL", "Kotlin", "Spring Framework");
        p.optional = Pairs.skills("Kafka", "MySQL");
        p.updatedAt = Pairs.NOW.minusSeconds(86_400L * 365);
        S weak = Pairs.seeker();
        weak.skills = Pairs.skills("Kafka");
        weak.occupations = new int[] {9111};
        weak.lat = Pairs.north(14.9);
        S strong = Pairs.seeker();
        strong.skills = Pairs.skills("Java", "SQL", "Kotlin", "Spring Framework");

        assertThat(assess(p, weak).score()).isLessThan(MatchingPolicy.defaults().threshold());
        assertThat(assess(p, strong).score()).isGreaterThan(MatchingPolicy.defaults().threshold());
    }
}
