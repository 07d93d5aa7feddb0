package org.doorstep.matching.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The built-in occupations (ISCO unit groups with English and Chinese aliases) over the shipped ESCO resource:
 * where ESCO has the same occupation they are aliases of ESCO's concept, so a title finds ESCO's skill profile.
 * Before the fold the built-in concept, loaded first, kept the title: "data analyst" named a profile-less unit
 * group 2421 instead of ESCO's data analyst (2511), and every posting titled so scored the same profile fit.
 */
class BuiltInOccupationFoldTest {

    private static final Taxonomy ESCO = TaxonomyLoader.load(new TaxonomyProperties(null, true));

    @Test
    void aTitleThatIsBothABuiltInLabelAndAnEscoOccupationFindsEscosProfile() {
        for (String title : List.of("fitness instructor", "data analyst")) {
            List<Occupation> found = ESCO.occupationOfTitle(title);
            assertThat(found).as(title).hasSize(1);
            assertThat(ESCO.profileOf(found.getFirst())).as(title + " has ESCO's skill profile").isNotNegative();
        }
        assertThat(ESCO.isco("data analyst")).isEqualTo(2511);
    }

    @Test
    void theBuiltInChineseAliasesReachTheSameEscoConcept() {
        assertThat(ESCO.occupationOfTitle("健身教练")).isEqualTo(ESCO.occupationOfTitle("fitness instructor"));
        assertThat(ESCO.profileOf(ESCO.occupationOfTitle("私人教练").getFirst())).isNotNegative();
    }

    @Test
    void withoutEscoTheBuiltInOccupationsStandAsTheirOwnConcepts() {
        Taxonomy builtIn = BuiltInVocabulary.load();
        assertThat(builtIn.isco("健身教练")).isEqualTo(3423);
        assertThat(builtIn.occupationOfTitle("fitness instructor")).hasSize(1);
    }
}
