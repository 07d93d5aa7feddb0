package org.doorstep.matching.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Title to occupation on a tiny hand-built vocabulary: the cases the word-overlap-only matcher got wrong. */
class TitleMatcherTest {

    private static final Occupation ACCOUNTANT = new Occupation("accountant", "accountant", 2411);
    private static final Occupation BOOKKEEPER = new Occupation("bookkeeper", "bookkeeper", 4311);
    private static final Occupation DATA = new Occupation("data", "data specialist", 2521);
    private static final Occupation WAITER = new Occupation("waiter", "waiter", 5131);
    private static final Occupation RECEPTIONIST = new Occupation("receptionist", "hotel receptionist", 4224);
    private static final Occupation CHAIR = new Occupation("chair", "board chairman", 1120);
    private static final Occupation TELECOM = new Occupation("telecom", "telecommunications manager", 1330);
    private static final Occupation COMMUNICATION = new Occupation("communication", "communication manager", 1222);
    private static final Occupation DEVELOPER = new Occupation("developer", "software developer", 2512);
    private static final Occupation NURSE = new Occupation("nurse", "nurse", 2221);
    private static final Occupation MEAT_CUTTER = new Occupation("meat", "meat cutter", 7511);
    private static final Occupation DEBT_COLLECTOR = new Occupation("debt", "debt collector", 4214);

    private final TitleMatcher matcher = vocabulary();

    private static TitleMatcher vocabulary() {
        return vocabulary(TitleMatcher.WEIGHTS);
    }

    private static TitleMatcher vocabulary(double[] weights) {
        TitleMatcher m = new TitleMatcher(weights);
        add(m, ACCOUNTANT, "accountant", "chartered accountant");
        add(m, BOOKKEEPER, "bookkeeper", "ledger specialist", "ledger clerk");
        add(m, DATA, "data specialist", "specialist");
        add(m, WAITER, "waiter", "restaurant server", "head waiter");
        add(m, RECEPTIONIST, "hotel receptionist", "front desk host");
        add(m, CHAIR, "board chairman", "chairman", "board president");
        add(m, TELECOM, "telecommunications manager", "communication manager", "telecom manager");
        add(m, COMMUNICATION, "communication manager", "communications officer", "public communication manager");
        add(m, DEVELOPER, "software developer", "java developer", "软件工程师", "java开发工程师", "后端开发工程师");
        add(m, NURSE, "nurse", "staff nurse", "护士", "护理员");
        add(m, MEAT_CUTTER, "meat cutter", "butcher", "meat processor");
        add(m, DEBT_COLLECTOR, "debt collector", "debt recovery agent");
        m.skills(MEAT_CUTTER, List.of("debone meat"), List.of("operate meat processing equipment"));
        m.skills(DEBT_COLLECTOR, List.of("collect debts"), List.of("negotiate payment plans"));
        m.seal();
        return m;
    }

    private static void add(TitleMatcher m, Occupation occupation, String... aliases) {
        for (String alias : aliases) {
            m.add(LabelNormaliser.normalise(alias), occupation);
        }
    }

    private List<Occupation> rank(String title) {
        return matcher.rank(LabelNormaliser.normalise(title), 5);
    }

    @Test
    void aDerivedFormOfAWordMeetsItsStem() {
        // "accounting" was an unknown word to the word matcher: no occupation at all
        assertThat(rank("accounting")).first().isEqualTo(ACCOUNTANT);
        assertThat(rank("chartered accountants")).first().isEqualTo(ACCOUNTANT);
    }

    @Test
    void genderedFormsFoldToTheFormTheVocabularyKnows() {
        assertThat(rank("waitress")).first().isEqualTo(WAITER);
        assertThat(rank("head waitress")).first().isEqualTo(WAITER);
        assertThat(rank("chairwoman")).first().isEqualTo(CHAIR);
        assertThat(rank("board chairperson")).first().isEqualTo(CHAIR);
    }

    @Test
    void anAliasSharedByTwoOccupationsNamesTheOneWhosePreferredLabelItIsFirst() {
        // first come was the telecommunications manager, whose alternative title it also is
        assertThat(rank("communication manager")).startsWith(COMMUNICATION, TELECOM);
        assertThat(matcher.scored("communication manager", 2)).allSatisfy(m -> assertThat(m.confidence()).isEqualTo(1.0));
    }

    @Test
    void chineseTitlesStillResolveThroughTheirAliases() {
        assertThat(matcher.scored(LabelNormaliser.normalise("护士"), 1))
                .singleElement().satisfies(m -> {
                    assertThat(m.occupation()).isEqualTo(NURSE);
                    assertThat(m.confidence()).isEqualTo(1.0);
                    assertThat(m.how()).isEqualTo("alias");
                });
        assertThat(rank("高级java开发工程师")).first().isEqualTo(DEVELOPER);
        assertThat(rank("护理员（夜班）")).first().isEqualTo(NURSE);
        assertThat(rank("软件开发工程师")).first().isEqualTo(DEVELOPER);
        assertThat(matcher.scored(LabelNormaliser.normalise("高级java开发工程师"), 1).getFirst().confidence())
                .isGreaterThanOrEqualTo(Taxonomy.DERIVE_CONFIDENCE);
    }

    @Test
    void rankingIsLimitedAndWithoutDuplicates() {
        assertThat(matcher.rank(LabelNormaliser.normalise("communication manager"), 1)).containsExactly(COMMUNICATION);
        assertThat(rank("manager")).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(5);
        assertThat(matcher.rank(LabelNormaliser.normalise("zzyzx"), 5)).isEmpty();
        assertThat(matcher.rank(LabelNormaliser.normalise("nurse"), 0)).isEmpty();
    }

    @Test
    void confidenceIsTheBestAliasWordOverlap() {
        List<TitleMatch> matches = matcher.scored(LabelNormaliser.normalise("chartered accountant assistant"), 3);
        assertThat(matches.getFirst().occupation()).isEqualTo(ACCOUNTANT);
        assertThat(matches.getFirst().confidence()).isStrictlyBetween(0.0, 1.0);
        assertThat(matches.getFirst().how()).isEqualTo("words");
    }

    @Test
    void aTitleWordThatNoAliasHasMeetsTheOccupationWhoseSkillsNameIt() {
        // "deboner" is no alias word; only the spelling ("deb") would meet the debt collector
        assertThat(rank("deboner")).first().isEqualTo(MEAT_CUTTER);
        double[] withoutSkills = TitleMatcher.WEIGHTS.clone();
        withoutSkills[TitleMatcher.F_SKILL] = 0;
        assertThat(vocabulary(withoutSkills).rank(LabelNormaliser.normalise("deboner"), 5)).doesNotContain(MEAT_CUTTER);
    }

    @Test
    void theBuilderGivesTheMatcherEachOccupationsSkills() {
        TaxonomyBuilder builder = new TaxonomyBuilder();
        builder.skill("skill:debone", "debone meat", List.of(), false, false);
        builder.skill("skill:collect", "collect debts", List.of(), false, false);
        builder.occupation("meat", "meat cutter", 7511, List.of("butcher"));
        builder.occupation("debt", "debt collector", 4214, List.of("debt recovery agent"));
        builder.occupationSkills("meat", List.of("skill:debone"), List.of());
        builder.occupationSkills("debt", List.of("skill:collect"), List.of());
        assertThat(builder.build().rankTitle("Deboner", 1)).extracting(Occupation::key).containsExactly("meat");
    }

    @Test
    void bm25FavoursAnOccupationWhoseFewAliasesRepeatTheWord() {
        // "specialist" is 2 of the data specialist's 3 words, 1 of the bookkeeper's 5
        var rows = matcher.featureRows(LabelNormaliser.normalise("specialist"));
        double data = rows.get(DATA)[TitleMatcher.F_BM25];
        double bookkeeper = rows.get(BOOKKEEPER)[TitleMatcher.F_BM25];
        assertThat(data).isGreaterThan(bookkeeper).isLessThanOrEqualTo(1.0);
        assertThat(bookkeeper).isPositive();
    }

    @Test
    void porterStems() {
        assertThat(List.of("accountant", "accounting", "accounts").stream().map(TitleStemmer::stem)).containsOnly("account");
        assertThat(List.of("operator", "operative", "operations").stream().map(TitleStemmer::stem)).containsOnly("oper");
        assertThat(TitleStemmer.stem("caresses")).isEqualTo("caress");
        assertThat(TitleStemmer.stem("ponies")).isEqualTo("poni");
        assertThat(TitleStemmer.stem("generalizations")).isEqualTo("gener");
        assertThat(TitleStemmer.stem("hopping")).isEqualTo("hop");
        assertThat(TitleStemmer.stem("c++")).isEqualTo("c++");
        assertThat(TitleStemmer.stem("软件")).isEqualTo("软件");
    }
}
