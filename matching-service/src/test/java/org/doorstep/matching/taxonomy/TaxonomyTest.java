package org.doorstep.matching.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The built-in vocabulary and the normalisation of free labels and titles. */
class TaxonomyTest {

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private final Taxonomy taxonomy = BuiltInVocabulary.load();

    @Test
    void shipsAtLeast300SkillsAnd100OccupationsWithChineseAliasesAndIscoCodes() {
        assertThat(taxonomy.knownSkillCount()).isGreaterThanOrEqualTo(300);
        assertThat(taxonomy.occupations()).hasSizeGreaterThanOrEqualTo(100);
        assertThat(taxonomy.occupations()).allSatisfy(o -> assertThat(o.isco()).isBetween(1000, 9999));
        assertThat(taxonomy.knownSkills()).filteredOn(SkillConcept::green).hasSizeGreaterThanOrEqualTo(20);
        assertThat(taxonomy.knownSkills()).filteredOn(SkillConcept::digital).hasSizeGreaterThanOrEqualTo(100);
    }

    @Test
    void everyBuiltInSkillAndOccupationHasAnEnglishAndAChineseName() throws Exception {
        List<String> skills = lines("taxonomy/skills.tsv");
        List<String> occupations = lines("taxonomy/occupations.tsv");
        assertThat(skills).allSatisfy(line -> assertThat(HAN.matcher(line.split("\t")[2]).find()).as(line).isTrue());
        assertThat(occupations).allSatisfy(line -> assertThat(HAN.matcher(line.split("\t")[2]).find()).as(line).isTrue());
    }

    @Test
    void normalisesCasePunctuationPluralsAndAliases() {
        assertThat(taxonomy.skill("JS", null)).isEqualTo(taxonomy.skill("JavaScript", null));
        assertThat(taxonomy.skill("  java  ", null)).isEqualTo(taxonomy.skill("JAVA", null));
        assertThat(taxonomy.skill("Node.js", null)).isEqualTo(taxonomy.skill("nodejs", null));
        assertThat(taxonomy.skill(".NET", null)).isEqualTo(taxonomy.skill("dotnet", null));
        assertThat(taxonomy.skill("C#", null)).isNotEqualTo(taxonomy.skill("C", null));
        assertThat(taxonomy.skill("solar panels", null)).isEqualTo(taxonomy.skill("solar panel", null));
        assertThat(taxonomy.skill("焊工", null)).isEqualTo(taxonomy.skill("welding", null));
        assertThat(taxonomy.skill("养老护理", null)).isEqualTo(taxonomy.skill("Elderly care", null));
    }

    @Test
    void keepsUnknownLabelsAsConceptsOfTheirOwnSoEqualWordsStillMeet() {
        int first = taxonomy.skill("Underwater basket weaving", null);
        assertThat(taxonomy.skill("underwater basket weaving!", null)).isEqualTo(first);
        assertThat(taxonomy.concept(first).known()).isFalse();
        assertThat(taxonomy.knownSkill("Underwater basket weaving")).isEqualTo(-1);
    }

    @Test
    void tagsGreenAndDigitalSkills() {
        assertThat(taxonomy.concept(taxonomy.skill("光伏安装", null)).green()).isTrue();
        assertThat(taxonomy.concept(taxonomy.skill("Python", null)).digital()).isTrue();
        assertThat(taxonomy.concept(taxonomy.skill("Welding", null)).digital()).isFalse();
    }

    @Test
    void tagsTheCareOfAnAgeingPopulationAsTheSilverEconomy() {
        assertThat(taxonomy.concept(taxonomy.skill("Elderly care", null)).silver()).isTrue();
        assertThat(taxonomy.concept(taxonomy.skill("养老护理", null)).silver()).isTrue();
        assertThat(taxonomy.concept(taxonomy.skill("失智照护", null)).silver()).isTrue();
        assertThat(taxonomy.concept(taxonomy.skill("Childcare", null)).silver()).isFalse();
        assertThat(taxonomy.concept(taxonomy.skill("Python", null)).silver()).isFalse();
    }

    @Test
    void relatesSkillsBothWays() {
        int sql = taxonomy.skill("SQL", null);
        int mysql = taxonomy.skill("MySQL", null);
        assertThat(taxonomy.related(sql, mysql)).isTrue();
        assertThat(taxonomy.related(mysql, sql)).isTrue();
        assertThat(taxonomy.related(sql, taxonomy.skill("Welding", null))).isFalse();
    }

    @Test
    void derivesTheOccupationFromATitleInEnglishOrChinese() {
        assertThat(taxonomy.isco("Java backend developer / Java后端开发工程师")).isEqualTo(2512);
        assertThat(taxonomy.isco("高级Java开发工程师")).isEqualTo(2512);
        assertThat(taxonomy.isco("Band 5 Staff Nurse - Ward 7")).isEqualTo(2221);
        assertThat(taxonomy.isco("养老护理员")).isEqualTo(5322);
        assertThat(taxonomy.isco("Senior Forklift Driver (nights)")).isEqualTo(8344);
        assertThat(taxonomy.isco("2512")).isEqualTo(2512);
        assertThat(taxonomy.isco("Zzyzx qwerty")).isZero();
    }

    private static List<String> lines(String resource) throws Exception {
        try (var in = TaxonomyTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
