package org.doorstep.matching.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The built-in vocabulary comes first and keeps its names; an ESCO skill that meets a built-in concept under one of
 * them is linked to it instead of silently losing the name. Before, the built-in "Welding" took ESCO's "arc welding"
 * and "welding" and was related to none of ESCO's welding skills, and "Java" was not ESCO's "Java (computer
 * programming)", so neither ever met the skills an ESCO occupation lists.
 */
class BuiltInLinksTest {

    private final Taxonomy taxonomy = vocabulary();

    private static Taxonomy vocabulary() {
        TaxonomyBuilder builder = new TaxonomyBuilder();
        builder.skill("skill:java", "Java", List.of("java开发"), false, true);
        builder.skill("skill:welding", "Welding", List.of("arc welding", "电焊"), false, false);
        builder.skill("skill:video-editing", "Video editing", List.of("pr"), false, true);
        builder.skill("esco:java", "Java (computer programming)", List.of("Java"), false, true);
        builder.skill("esco:arc", "apply arc welding techniques", List.of("arc welding", "carbon arc welding"), false, false);
        builder.skill("esco:join", "join metals", List.of("welding"), false, false);
        builder.skill("esco:pr", "public relations", List.of("PR"), false, false);
        builder.skill("esco:chef", "Chef (tools for software configuration management)", List.of(), false, true);
        return builder.build();
    }

    @Test
    void anEscoLabelThatIsABuiltInLabelWithAQualifierIsTheBuiltInConcept() {
        int java = taxonomy.skill("Java", null);
        assertThat(taxonomy.skill("Java (computer programming)", "esco:java")).isEqualTo(java);
        assertThat(taxonomy.skill("", "esco:java")).isEqualTo(java);
        // a qualifier on a name that is no built-in concept's own label keeps the ESCO concept apart
        assertThat(taxonomy.skill("Chef (tools for software configuration management)", "esco:chef"))
                .isNotEqualTo(taxonomy.skill("Java", null)).isNotNegative();
    }

    @Test
    void anEscoSkillNamedWithABuiltInLabelOrALongerAliasIsRelatedToIt() {
        int welding = taxonomy.skill("Welding", null);
        assertThat(taxonomy.related(welding, taxonomy.skill("", "esco:arc"))).as("through the alias 'arc welding'").isTrue();
        assertThat(taxonomy.related(welding, taxonomy.skill("", "esco:join"))).as("through the label 'welding'").isTrue();
        assertThat(taxonomy.skill("carbon arc welding", null)).isEqualTo(taxonomy.skill("", "esco:arc"));
    }

    @Test
    void aOneWordAliasLinksNothing() {
        assertThat(taxonomy.related(taxonomy.skill("Video editing", null), taxonomy.skill("", "esco:pr"))).isFalse();
    }

    @Test
    void overTheShippedEscoTheBuiltInSkillsMeetEscosWeldingAndJava() {
        Taxonomy esco = TaxonomyLoader.load(new TaxonomyProperties(null, true));
        int welding = esco.knownSkill("Welding");
        assertThat(esco.knownSkill("Java (computer programming)")).isEqualTo(esco.knownSkill("Java")).isNotNegative();
        assertThat(esco.relatedView(welding)).as("ESCO skills related to the built-in Welding")
                .contains(esco.knownSkill("operate welding equipment"), esco.knownSkill("join metals"));
    }

    /** The demo's welder was told "1 of 1 required skills: Welding" next to "cover 0% of what a welder needs". */
    @Test
    void aSkillRelatedToAnOccupationsProfileCountsTowardsItsFitAtTheRelatedCredit() {
        Taxonomy esco = TaxonomyLoader.load(new TaxonomyProperties(null, true));
        int welder = esco.profileOf(esco.occupationOfTitle("welder").getFirst());
        int[] welding = {esco.knownSkill("Welding")};

        assertThat(esco.occupationCoverage(welder, welding)).as("not one of ESCO's welder skills itself").isZero();
        assertThat(esco.occupationFit(welder, welding, 0.5)).isPositive()
                .isLessThan(esco.occupationFit(welder, welding, 1.0));
        int[] theSkillItself = {esco.knownSkill("operate welding equipment")};
        assertThat(esco.occupationFit(welder, welding, 0.5)).isLessThanOrEqualTo(esco.occupationCoverage(welder, theSkillItself));
        assertThat(esco.occupationFit(welder, welding, 0)).isZero();
    }
}
