package org.doorstep.matching.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Which occupation a title names when it is exactly an alias. ESCO's alternative labels include preferred labels of
 * other occupations and one-word labels of whole families: read first come, first served, "accountant" named the
 * financial controller, "occupational therapist" the physiotherapist, and "teacher" (an alternative label of the
 * politics lecturer) made every resume headed TEACHER a university lecturer's, sure at 0.99.
 */
class OccupationAliasesTest {

    private static final Taxonomy ESCO = TaxonomyLoader.load(new TaxonomyProperties(null, true));

    @Test
    void anOccupationsPreferredLabelNamesItEvenWhereAnOccupationReadEarlierListsItAsAnAlternative() {
        TaxonomyBuilder builder = new TaxonomyBuilder();
        builder.occupation("esco:controller", "financial controller", 2411, List.of("accountant", "finance director"));
        builder.occupation("esco:accountant", "accountant", 2411, List.of("chartered accountant"));
        builder.occupation("esco:cfo", "chief financial officer", 1211, List.of("finance director"));
        Taxonomy taxonomy = builder.build();

        assertThat(taxonomy.normaliseTitle("Accountant").orElseThrow().occupation().key()).isEqualTo("esco:accountant");
        assertThat(taxonomy.normaliseTitle("Accountant").orElseThrow().confidence()).isEqualTo(1.0);
        // between two alternative labels, the first still wins
        assertThat(taxonomy.normaliseTitle("finance director").orElseThrow().occupation().key()).isEqualTo("esco:controller");
    }

    @Test
    void aOneWordAlternativeLabelEndingTheTitlesOfTenOccupationsNamesAFamilyTooVaguelyToDeriveAnOccupation() {
        Taxonomy family = teachers(9);
        TitleMatch teacher = family.normaliseTitle("Teacher").orElseThrow();
        assertThat(teacher.confidence()).isEqualTo(Taxonomy.FAMILY_WORD_CONFIDENCE).isLessThan(Taxonomy.DERIVE_CONFIDENCE);
        assertThat(teacher.how()).isEqualTo("family word");
        assertThat(family.occupationOfTitle("Teacher")).isEmpty();
        assertThat(family.occupationOfTitle("Senior teacher")).as("the cleaned title is the family word too").isEmpty();
        assertThat(family.occupationOfTitle("music teacher")).extracting(Occupation::key).containsExactly("esco:music");

        Taxonomy fewer = teachers(8);
        assertThat(fewer.normaliseTitle("Teacher").orElseThrow().confidence()).as("nine titles end in it: no family yet")
                .isEqualTo(1.0);
    }

    @Test
    void aPreferredLabelIsNeverAFamilyWord() {
        TaxonomyBuilder builder = new TaxonomyBuilder();
        builder.occupation("esco:welder", "welder", 7212, List.of());
        for (String kind : List.of("laser beam", "spot", "pipe", "arc", "gas", "tig", "mig", "underwater", "robot", "seam")) {
            builder.occupation("esco:" + kind, kind + " welder", 7212, List.of("welder"));
        }
        TitleMatch welder = builder.build().normaliseTitle("welder").orElseThrow();

        assertThat(welder.occupation().key()).isEqualTo("esco:welder");
        assertThat(welder.confidence()).isEqualTo(1.0);
    }

    @Test
    void overTheShippedEscoFamilyWordsNameNoOccupationAndPreferredLabelsNameTheirOwn() {
        for (String family : List.of("teacher", "technician", "supervisor", "designer", "inspector")) {
            assertThat(ESCO.normaliseTitle(family).orElseThrow().confidence()).as(family).isEqualTo(Taxonomy.FAMILY_WORD_CONFIDENCE);
            assertThat(ESCO.occupationOfTitle(family)).as(family).isEmpty();
        }
        assertThat(ESCO.isco("occupational therapist")).isEqualTo(2269);
        assertThat(ESCO.isco("meteorologist")).isEqualTo(2112);
        assertThat(ESCO.occupationOfTitle("accountant")).extracting(Occupation::label).containsExactly("accountant");
        assertThat(ESCO.occupationOfTitle("secondary school teacher")).extracting(Occupation::isco).containsExactly(2330);
    }

    /** The politics lecturer, listed as "teacher", and {@code subjects} occupations whose titles end in "teacher". */
    private static Taxonomy teachers(int subjects) {
        TaxonomyBuilder builder = new TaxonomyBuilder();
        builder.occupation("esco:politics", "politics lecturer", 2310, List.of("teacher", "politics professor"));
        List<String> names = new ArrayList<>(List.of("music", "biology", "chemistry", "physics", "history", "dance",
                "drama", "geography", "maths")).subList(0, subjects);
        for (String subject : names) {
            builder.occupation("esco:" + subject, subject + " teacher", 2330, List.of());
        }
        return builder.build();
    }
}
