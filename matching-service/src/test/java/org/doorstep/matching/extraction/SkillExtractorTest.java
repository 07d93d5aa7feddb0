package org.doorstep.matching.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.doorstep.matching.taxonomy.Taxonomy;
import org.doorstep.matching.taxonomy.TaxonomyLoader;
import org.doorstep.matching.taxonomy.TaxonomyProperties;
import org.junit.jupiter.api.Test;

/** Skills and occupations from free text, with the taxonomy the service ships (built-in aliases + ESCO). */
class SkillExtractorTest {

    private static final Taxonomy TAXONOMY = TaxonomyLoader.load(new TaxonomyProperties(null, true));
    private final SkillExtractor extractor = new SkillExtractor(TAXONOMY);

    private static List<String> labels(List<FoundConcept> found) {
        return found.stream().map(FoundConcept::label).toList();
    }

    private static FoundConcept find(List<FoundConcept> found, String label) {
        return found.stream().filter(f -> f.label().equalsIgnoreCase(label)).findFirst().orElseThrow(
                () -> new AssertionError(label + " not found in " + labels(found)));
    }

    @Test
    void findsEscoSkillsWithTheirSpansAndUris() {
        String text = "Experienced in financial forecasting and in data entry.\nI also do customer service.";
        Extraction e = extractor.extract(text, 30);

        FoundConcept forecasting = find(e.skills(), "financial forecasting");
        assertThat(forecasting.uri()).startsWith("http://data.europa.eu/esco/skill/");
        Span span = forecasting.spans().getFirst();
        assertThat(text.substring(span.start(), span.end())).isEqualTo(span.text()).isEqualTo("financial forecasting");
        assertThat(labels(e.skills())).anyMatch(l -> l.equalsIgnoreCase("data entry"));
        assertThat(forecasting.confidence()).isBetween(0.5, 0.99);
    }

    @Test
    void findsSkillsNamedByWhatTheyAreAboutNotByTheVerbEscoUses() {
        String text = "Registered nurse with 6 years of ICU experience. Skilled in wound care and IV therapy; "
                + "calm with challenging people.";
        Extraction e = extractor.extract(text, 30);

        FoundConcept woundCare = find(e.skills(), "carry out wound care");
        assertThat(woundCare.spans().getFirst().text()).isEqualTo("wound care");
        assertThat(woundCare.confidence()).isCloseTo(0.75 * ObjectPhrases.CONFIDENCE, within(0.001));
        assertThat(find(e.skills(), "deal with challenging people").spans().getFirst().text())
                .isEqualTo("challenging people");
        // a real alias stays what it names, at full confidence
        assertThat(find(e.skills(), "intravenous infusion").confidence()).isEqualTo(0.75);
    }

    @Test
    void anObjectPhraseIsTheLabelWithoutItsLeadingVerbWhenItNamesSomething() {
        assertThat(ObjectPhrases.of("carry out wound care")).containsExactly("wound care");
        assertThat(ObjectPhrases.of("deal with challenging people")).containsExactly("challenging people");
        assertThat(ObjectPhrases.of("manage staff")).as("one word left").isEmpty();
        assertThat(ObjectPhrases.of("food safety standards")).as("no verb").isEmpty();
        assertThat(ObjectPhrases.of("manage your career")).as("about someone").isEmpty();
        assertThat(ObjectPhrases.of("work within the community")).as("a place").isEmpty();
    }

    @Test
    void anObjectSeveralSkillsShareNamesNone() {
        Map<String, Integer> skills = new HashMap<>(Map.of("develop training programmes", 1,
                "evaluate training programmes", 2, "carry out wound care", 3, "wound closure techniques", 4));
        Set<String> added = ObjectPhrases.addTo(skills, alias -> true);

        assertThat(added).containsExactly("wound care");
        assertThat(skills).containsEntry("wound care", 3).doesNotContainKey("training programme")
                .doesNotContainKey("training programmes");
    }

    @Test
    void readsChineseThroughTheBuiltInAliases() {
        Extraction e = extractor.extract("招聘Java开发工程师，熟悉Python和SQL，会焊接优先", 30);

        assertThat(labels(e.skills())).contains("Java", "Python", "SQL", "Welding");
        assertThat(e.occupations()).extracting(FoundConcept::isco).contains(2512);
        Span welding = find(e.skills(), "Welding").spans().getFirst();
        assertThat(welding.text()).isEqualTo("焊接");
    }

    /** Exploratory testing: "招聘服务员" ("hiring waiters") gave Human resources at 0.65, and a waiter's ad matched HR seekers. */
    @Test
    void theWordsEveryChineseAdUsesForHiringPayAndTrainingNameNoSkill() {
        Extraction e = extractor.extract("招聘服务员，包吃住，岗前培训，薪酬面议，绩效奖金，注意安全。", 30);

        assertThat(labels(e.skills())).doesNotContain("Human resources", "Network security");
        assertThat(labels(extractor.extract("负责人力资源管理与招聘管理", 30).skills())).contains("Human resources");
    }

    @Test
    void leavesOutOneWordAlternativeLabelsAndFragments() {
        // "space", "standard", "general" are one-word ESCO alternative labels of unrelated concepts;
        // "and procedures" is a fragment listed as an alternative label
        Extraction e = extractor.extract("Standard space for general policies and procedures", 30);

        assertThat(e.skills()).isEmpty();
        assertThat(e.occupations()).isEmpty();
    }

    @Test
    void readsAShortFirstLineAsAJobTitle() {
        Extraction e = extractor.extract("ACCOUNTANT\nSummary\nSix years of account reconciliations.", 30);

        assertThat(e.occupations().getFirst().isco()).isEqualTo(2411);
        assertThat(e.occupations().getFirst().confidence()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void repeatedMentionsRaiseConfidence() {
        double once = find(extractor.extract("data entry", 30).skills(), "data entry").confidence();
        double thrice = find(extractor.extract("data entry; data entry, and more data entry", 30).skills(), "data entry")
                .confidence();

        assertThat(thrice).isGreaterThan(once);
        assertThat(find(extractor.extract("data entry; data entry, and more data entry", 30).skills(), "data entry")
                .spans()).hasSize(3);
    }

    @Test
    void anOccupationsWordRepeatedInRunningTextCountsOnceButEveryWorkHistoryTitleCounts() {
        String it = """
                SYSTEMS ADMINISTRATOR
                Maintained 40 Windows servers and the Linux servers of the data centre.
                Patched the mail server monthly; moved file servers to the cloud; retired old servers.
                """;
        FoundConcept waiter = find(extractor.extract(it, 30).occupations(), "waiter/waitress");
        assertThat(waiter.spans()).hasSize(5);
        assertThat(waiter.confidence()).as("'server' is a waiter's alias, said five times in sentences")
                .isLessThan(0.9);

        String cook = """
                Summary
                Kitchen work in busy restaurants.
                Cook Jul 2014 to Current
                Company Name - City , State
                Cook Mar 2011 to Jun 2014
                Company Name - City , State
                Cook Jan 2009 to Feb 2011
                """;
        assertThat(find(extractor.extract(cook, 30).occupations(), "cook").confidence())
                .as("three jobs held as a cook, each a line of the work history").isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void returnsAtMostTheLimitMostConfidentFirst() {
        Extraction e = extractor.extract("Java, Python, SQL, Kotlin, welding, customer service, data entry", 3);

        assertThat(e.skills()).hasSize(3);
        assertThat(e.skills()).extracting(FoundConcept::confidence).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }
}
