package org.doorstep.matching.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ESCO CSVs from ../shared/data/esco, as an operator would configure them (skipped without the data). */
class EscoLoaderTest {

    private static Taxonomy taxonomy;

    @BeforeAll
    static void load() {
        String shared = System.getProperty("doorstep.shared-data", "../../shared/data");
        Path esco = Path.of(shared).resolve("esco");
        assumeTrue(Files.exists(esco.resolve("skills_en.csv")), "ESCO data not found at " + esco.toAbsolutePath()
                + ": skipping the ESCO loader test");
        taxonomy = TaxonomyLoader.load(new TaxonomyProperties(esco.toString(), true));
    }

    @Test
    void loadsEscoSkillsOccupationsAndTagsOnTopOfTheBuiltInVocabulary() {
        assertThat(taxonomy.knownSkillCount()).isGreaterThan(13_000);
        assertThat(taxonomy.occupations()).hasSizeGreaterThan(3_000);
        // an ESCO alternative label and the built-in alias reach the same concept
        int byUri = taxonomy.skill(null, "http://data.europa.eu/esco/skill/000f1d3d-220f-4789-9c0a-cc742521fb02");
        assertThat(taxonomy.skillLabel(byUri)).isEqualTo("Haskell");
        assertThat(taxonomy.concept(byUri).digital()).isTrue();
        assertThat(taxonomy.skill("Java", null)).isEqualTo(taxonomy.skill("java开发", null));
        assertThat(taxonomy.knownSkills()).filteredOn(SkillConcept::green).hasSizeGreaterThan(500);
    }

    @Test
    void derivesOccupationsFromEscoTitles() {
        assertThat(taxonomy.isco("metal drawing machine operator")).isEqualTo(8121);
        assertThat(taxonomy.isco("head of technical department")).isEqualTo(2654);
    }
}
