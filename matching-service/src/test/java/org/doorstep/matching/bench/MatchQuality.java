package org.doorstep.matching.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.doorstep.matching.bench.MatchQualityData.EscoPosting;
import org.doorstep.matching.bench.RankingMetrics.Mean;

/**
 * The match-quality benchmark of issue 11 (a command, not a test; see matching-service/README.md "Commands").
 * Resumes from {@code ../shared/data/resumes_dev} are the seekers, ESCO occupations the postings; a posting is
 * relevant to a resume when its ISCO-08 unit group is listed for the resume's category in
 * {@code category_isco.tsv} ({@link MatchQualityData}). Three rankers give each resume its top {@value #K}, in
 * the same run:
 * <ol>
 * <li>BM25 over the resume text and</li>
 * <li>BM25 over the labels of the skills extracted from the resume ({@link MatchQualityBm25}: Lucene's
 * EnglishAnalyzer and BM25Similarity(1.2, 0.75) over each occupation's title, description and essential-skill
 * labels);</li>
 * <li>Doorstep ({@link MatchQualityDoorstep}, the one file to swap when the scoring and the extraction
 * endpoint change).</li>
 * </ol>
 * It prints precision@10 and NDCG@10 (binary relevance, {@link RankingMetrics}) averaged over the resumes of
 * the clean categories, of the noisy ones and of all, and per category; each ranker's ratio to BM25 over the
 * resume text on the clean group; the number of distinct scores in each top 10 (ties); time per resume. The
 * same tables go to {@code matching-service/target/match-quality.md}.
 * <p>
 * Arguments: {@code [--per-category N] [--seed S] [--report FILE]}: N resumes drawn per category with the seed
 * (default: all resumes), the Markdown report's path.
 */
public final class MatchQuality {

    static final int K = 10;
    /** Resumes each ranker ranks once before it is timed, so that the JIT has compiled its path. */
    static final int WARM_UP = 30;
    /** Issue 11, "Done when": Doorstep's precision@10 on the clean categories at least this times BM25's over the resume text. */
    static final double TARGET_RATIO = 1.2;

    /** A seeker: one resume of the development set. */
    record Resume(String id, String category, String text) {
    }

    /** A skill found in a text: {@code concept} is an ESCO concept URI, or the label when the skill has none. */
    record ExtractedSkill(String concept, String label, double confidence) {
    }

    /** An occupation found in a text: ESCO URI, preferred label. */
    record ExtractedOccupation(String uri, String label, double confidence) {
    }

    record Extracted(List<ExtractedSkill> skills, List<ExtractedOccupation> occupations) {
    }

    /** Skills (and occupations) from free text, as the skills:extract endpoint will give them. */
    interface SkillExtraction {
        Extracted extract(String text);
    }

    /** One ranked posting: its id (the ESCO occupation URI) and the ranker's score (NaN when it has none). */
    record Hit(String postingId, double score) {
    }

    /** Ranks the postings for one seeker. */
    interface SeekerRanker {

        /** The ids (ESCO occupation URIs) of the best {@code k} postings for the resume, best first; may be fewer. */
        List<String> top(Resume resume, int k);

        String name();

        /** {@link #top} with the scores, for counting ties; a ranker without scores need not override it. */
        default List<Hit> scored(Resume resume, int k) {
            return top(resume, k).stream().map(id -> new Hit(id, Double.NaN)).toList();
        }
    }

    /** Each text extracted once (the two rankers that use the extraction share it, and its time is measured apart). */
    private static final class CachedExtraction implements SkillExtraction {

        private final SkillExtraction delegate;
        private final Map<String, Extracted> byText = new HashMap<>();

        CachedExtraction(SkillExtraction delegate) {
            this.delegate = delegate;
        }

        @Override
        public Extracted extract(String text) {
            return byText.computeIfAbsent(text, delegate::extract);
        }
    }

    /** The metric means of one ranker. */
    private static final class Scores {

        final Map<String, Mean[]> byCategory = new LinkedHashMap<>();
        final Map<String, Mean[]> byGroup = new LinkedHashMap<>();
        final Mean distinct = new Mean();
        final Mean returned = new Mean();
        int allDistinct;
        int withScores;
        int fewerThanK;
        long nanos;
        long cpuNanos;

        Scores() {
            for (String group : GROUPS) {
                byGroup.put(group, means());
            }
        }

        void add(String category, boolean clean, double p, double ndcg) {
            for (Mean[] m : List.of(byCategory.computeIfAbsent(category, c -> means()),
                    byGroup.get(clean ? CLEAN : NOISY), byGroup.get(ALL))) {
                m[0].add(p);
                m[1].add(ndcg);
            }
        }

        private static Mean[] means() {
            return new Mean[] {new Mean(), new Mean()};
        }
    }

    private static final String CLEAN = "clean";
    private static final String NOISY = "noisy";
    private static final String ALL = "overall";
    private static final List<String> GROUPS = List.of(CLEAN, NOISY, ALL);

    private MatchQuality() {
    }

    public static void main(String[] args) throws IOException {
        int perCategory = 0;
        long seed = 20261202L;
        Path report = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--per-category" -> perCategory = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--report" -> report = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: MatchQuality [--per-category N] [--seed S] [--report FILE]");
                    System.exit(2);
                }
            }
        }
        if (report == null) {
            report = defaultReport();
        }
        long runStart = System.nanoTime();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path folder = SharedData.require();

        long t = System.nanoTime();
        MatchQualityData data = MatchQualityData.load(folder, perCategory, seed);
        double loadSeconds = seconds(t);
        List<Resume> resumes = data.resumes();
        Map<String, Integer> iscoByPosting = new HashMap<>();
        Map<String, String> titleByPosting = new HashMap<>();
        for (EscoPosting p : data.postings()) {
            iscoByPosting.put(p.uri(), p.isco());
            titleByPosting.put(p.uri(), p.title());
        }

        t = System.nanoTime();
        CachedExtraction extraction = new CachedExtraction(MatchQualityDoorstep.extraction(folder));
        double extractionSetup = seconds(t);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long extractionCpu = threads.getCurrentThreadCpuTime();
        t = System.nanoTime();
        Mean skillsPerResume = new Mean();
        Mean occupationsPerResume = new Mean();
        int withoutSkills = 0;
        for (Resume r : resumes) {
            Extracted e = extraction.extract(r.text());
            skillsPerResume.add(e.skills().size());
            occupationsPerResume.add(e.occupations().size());
            if (e.skills().isEmpty()) {
                withoutSkills++;
            }
        }
        double extractionSeconds = seconds(t);
        extractionCpu = threads.getCurrentThreadCpuTime() - extractionCpu;

        t = System.nanoTime();
        MatchQualityBm25 bm25 = new MatchQualityBm25(data.postings());
        double indexSeconds = seconds(t);
        t = System.nanoTime();
        SeekerRanker doorstep = MatchQualityDoorstep.ranker(folder, data.postings(), extraction);
        double doorstepSetup = seconds(t);
        List<SeekerRanker> rankers = List.of(bm25.resumeText(), bm25.skillLabels(extraction), doorstep);

        Map<String, Scores> results = new LinkedHashMap<>();
        for (SeekerRanker ranker : rankers) {
            Scores s = new Scores();
            results.put(ranker.name(), s);
            for (Resume r : resumes.subList(0, Math.min(WARM_UP, resumes.size()))) {
                ranker.scored(r, K);
            }
            for (Resume r : resumes) {
                long cpu = threads.getCurrentThreadCpuTime();
                long q = System.nanoTime();
                List<Hit> hits = ranker.scored(r, K);
                s.nanos += System.nanoTime() - q;
                s.cpuNanos += threads.getCurrentThreadCpuTime() - cpu;
                if (hits.size() > K) {
                    throw new IllegalStateException(ranker.name() + " returned " + hits.size() + " postings for k = " + K);
                }
                boolean[] relevance = new boolean[hits.size()];
                Set<Double> distinct = new HashSet<>();
                boolean scored = !hits.isEmpty();
                for (int i = 0; i < hits.size(); i++) {
                    Integer isco = iscoByPosting.get(hits.get(i).postingId());
                    if (isco == null) {
                        throw new IllegalStateException(ranker.name() + " returned an unknown posting " + hits.get(i).postingId());
                    }
                    relevance[i] = data.relevant(r.category(), isco);
                    scored &= !Double.isNaN(hits.get(i).score());
                    distinct.add(hits.get(i).score());
                }
                if (r.category().equals(System.getProperty("doorstep.quality.show-top")) && ranker == doorstep) {
                    StringBuilder line = new StringBuilder("TOP " + r.id());
                    for (int i = 0; i < hits.size(); i++) {
                        line.append(String.format(Locale.ROOT, " | %s%s %.3f", relevance[i] ? "+" : "-",
                                titleByPosting.get(hits.get(i).postingId()), hits.get(i).score()));
                    }
                    System.out.println(line);
                }
                s.add(r.category(), data.clean(r.category()), RankingMetrics.precisionAt(relevance, K),
                        RankingMetrics.ndcgAt(relevance, data.relevantAvailable(r.category()), K));
                s.returned.add(hits.size());
                if (hits.size() < K) {
                    s.fewerThanK++;
                }
                if (scored) {
                    s.withScores++;
                    s.distinct.add(distinct.size());
                    if (distinct.size() == hits.size()) {
                        s.allDistinct++;
                    } else if (Boolean.getBoolean("doorstep.quality.show-ties")) {
                        for (int i = 0; i < hits.size(); i++) {
                            for (int j = i + 1; j < hits.size(); j++) {
                                if (hits.get(i).score() == hits.get(j).score()) {
                                    System.out.println("TIE " + ranker.name() + " " + r.category() + " " + hits.get(i).score() + " "
                                            + titleByPosting.get(hits.get(i).postingId()) + " | " + titleByPosting.get(hits.get(j).postingId()));
                                }
                            }
                        }
                    }
                }
            }
        }
        bm25.close();
        String recall = "";
        if (doorstep instanceof MatchQualityDoorstep.Doorstep d) {
            for (int i = 0; i < resumes.size(); i += 4) {
                d.checkRecall(resumes.get(i));
            }
            recall = String.format(Locale.ROOT, "retrieval recall: the index returns %,d of the %,d postings in the full"
                    + " scan's top %d (%.4f), over every 4th resume", d.retrievalKept, d.retrievalChecks,
                    MatchQualityDoorstep.RECALL_K, d.retrievalKept / (double) Math.max(1, d.retrievalChecks));
            d.close();
        }
        double runSeconds = seconds(runStart);

        // output
        List<String> lines = new ArrayList<>();
        Set<String> cleanCategories = data.cleanCategories();
        Set<String> noisyCategories = new TreeSet<>(data.categoryCounts().keySet());
        noisyCategories.removeAll(cleanCategories);
        int cleanResumes = (int) resumes.stream().filter(r -> data.clean(r.category())).count();
        lines.add(String.format(Locale.ROOT, "Match quality (issue 11), %s: %,d resumes as seekers (%s; %d without text"
                        + " skipped), %,d ESCO occupations as postings, top %d", started, resumes.size(),
                perCategory > 0 ? perCategory + " per category at most, seed " + seed : "all", data.skippedEmpty(),
                data.postings().size(), K));
        lines.add(String.format(Locale.ROOT, "clean categories (first-line title share >= %d%% in PROVENANCE.txt%s): %s (%,d resumes)",
                MatchQualityData.CLEAN_SHARE, data.cleanParsed() ? "" : " - not parsed, documented fallback list",
                String.join(", ", cleanCategories), cleanResumes));
        lines.add(String.format(Locale.ROOT, "noisy categories: %s (%,d resumes)", String.join(", ", noisyCategories),
                resumes.size() - cleanResumes));
        lines.add(MatchQualityDoorstep.description());
        if (!recall.isEmpty()) {
            lines.add(recall);
        }
        lines.add(String.format(Locale.ROOT, "extraction: %.1f skills and %.1f occupations per resume on average; %d resumes"
                + " without any skill", skillsPerResume.mean(), occupationsPerResume.mean(), withoutSkills));
        lines.add("");

        Table groups = new Table("ranker", "group", "resumes", "P@10", "NDCG@10", "P@10 / BM25 text", "NDCG@10 / BM25 text");
        Scores reference = results.get(rankers.get(0).name());
        for (SeekerRanker ranker : rankers) {
            Scores s = results.get(ranker.name());
            for (String group : GROUPS) {
                Mean[] m = s.byGroup.get(group);
                Mean[] ref = reference.byGroup.get(group);
                groups.row(ranker.name(), group, String.format(Locale.ROOT, "%,d", m[0].count()), f3(m[0].mean()), f3(m[1].mean()),
                        ratio(m[0].mean(), ref[0].mean()), ratio(m[1].mean(), ref[1].mean()));
            }
        }
        lines.add("Precision@10 and NDCG@10, averaged over the resumes of each group");
        lines.addAll(groups.text());
        lines.add("");
        Mean[] doorstepClean = results.get(doorstep.name()).byGroup.get(CLEAN);
        double cleanRatio = doorstepClean[0].mean() / reference.byGroup.get(CLEAN)[0].mean();
        lines.add(String.format(Locale.ROOT, "%s / %s, precision@10 on the clean group: %.2fx (issue 11 asks >= %.1fx): %s",
                doorstep.name(), rankers.get(0).name(), cleanRatio, TARGET_RATIO, cleanRatio >= TARGET_RATIO ? "met" : "NOT met"));
        lines.add("");

        List<String> header = new ArrayList<>(List.of("category", "group", "resumes", "relevant postings"));
        for (SeekerRanker ranker : rankers) {
            header.add(ranker.name() + " P@10");
            header.add("NDCG@10");
        }
        Table categories = new Table(header.toArray(String[]::new));
        for (boolean clean : new boolean[] {true, false}) {
            for (Map.Entry<String, Integer> c : data.categoryCounts().entrySet()) {
                if (data.clean(c.getKey()) != clean) {
                    continue;
                }
                List<String> row = new ArrayList<>(List.of(c.getKey(), clean ? CLEAN : NOISY, String.valueOf(c.getValue()),
                        String.valueOf(data.relevantAvailable(c.getKey()))));
                for (SeekerRanker ranker : rankers) {
                    Mean[] m = results.get(ranker.name()).byCategory.get(c.getKey());
                    row.add(f3(m[0].mean()));
                    row.add(f3(m[1].mean()));
                }
                categories.row(row.toArray(String[]::new));
            }
        }
        lines.add("Per category");
        lines.addAll(categories.text());
        lines.add("");

        Table ties = new Table("ranker", "mean postings returned", "resumes with < 10", "mean distinct scores in top 10",
                "top lists without ties", "time per resume", "thread CPU per resume");
        for (SeekerRanker ranker : rankers) {
            Scores s = results.get(ranker.name());
            ties.row(ranker.name(), String.format(Locale.ROOT, "%.2f", s.returned.mean()), String.valueOf(s.fewerThanK),
                    s.withScores == 0 ? "no scores" : String.format(Locale.ROOT, "%.2f", s.distinct.mean()),
                    s.withScores == 0 ? "-" : String.format(Locale.ROOT, "%,d of %,d (%.1f%%)", s.allDistinct, s.withScores,
                            100.0 * s.allDistinct / s.withScores),
                    String.format(Locale.ROOT, "%.2f ms", s.nanos / 1e6 / resumes.size()),
                    String.format(Locale.ROOT, "%.2f ms", s.cpuNanos / 1e6 / resumes.size()));
        }
        lines.add("Ties and time (a top list without ties has as many distinct scores as postings; times after " + WARM_UP
                + " warm-up resumes per ranker)");
        lines.addAll(ties.text());
        lines.add("");
        lines.add(String.format(Locale.ROOT, "set-up: data %.1f s, extraction set-up %.1f s, extraction %.1f s (%.2f ms per resume,"
                        + " thread CPU %.2f ms; shared by the skill-label and Doorstep rankers, not in their times), BM25 index of"
                        + " %,d postings %.1f s, Doorstep set-up %.1f s", loadSeconds, extractionSetup, extractionSeconds,
                extractionSeconds * 1000 / resumes.size(), extractionCpu / 1e6 / resumes.size(), bm25.documents(), indexSeconds, doorstepSetup));
        lines.add(String.format(Locale.ROOT, "run time %.1f s (%d processors, load average %.1f at the end: wall-clock times"
                        + " suffer when others share the cores, thread CPU times less so)", runSeconds,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));

        lines.forEach(System.out::println);
        writeReport(report, lines, groups, categories, ties, args);
        System.out.println("report: " + report.toAbsolutePath().normalize());
    }

    private static void writeReport(Path file, List<String> lines, Table groups, Table categories, Table ties, String[] args)
            throws IOException {
        List<String> md = new ArrayList<>();
        md.add("# Match quality");
        md.add("");
        md.add("Written by `org.doorstep.matching.bench.MatchQuality" + (args.length == 0 ? "" : " " + String.join(" ", args))
                + "` (matching-service/README.md, \"Commands\"). Relevance: a posting (ESCO occupation) is relevant to a"
                + " resume when its ISCO-08 unit group is listed for the resume's category in"
                + " `../shared/data/resumes_dev/category_isco.tsv`. Precision@10 divides by 10 even when a ranker returns"
                + " fewer; NDCG@10 has binary gains, the ideal DCG from the relevant postings available (at most 10).");
        md.add("");
        for (String line : lines) {
            if (line.startsWith("Precision@10 and NDCG@10")) {
                break;
            }
            md.add(line.isEmpty() ? "" : "- " + line);
        }
        md.add("## Groups");
        md.add("");
        md.addAll(groups.markdown());
        md.add("");
        lines.stream().filter(l -> l.contains("issue 11 asks")).forEach(md::add);
        md.add("");
        md.add("## Per category");
        md.add("");
        md.addAll(categories.markdown());
        md.add("");
        md.add("## Ties and time");
        md.add("");
        md.addAll(ties.markdown());
        md.add("");
        lines.stream().filter(l -> l.startsWith("set-up") || l.startsWith("run time")).forEach(l -> md.add("- " + l));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, md, StandardCharsets.UTF_8);
    }

    /** {@code target/match-quality.md} of the module whose test classes this is. */
    private static Path defaultReport() {
        try {
            Path classes = Path.of(MatchQuality.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (classes.getFileName() != null && classes.getFileName().toString().equals("test-classes")) {
                return classes.getParent().resolve("match-quality.md");
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through
        }
        return Path.of("target", "match-quality.md");
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String f3(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String ratio(double value, double reference) {
        return reference == 0 || Double.isNaN(reference) || Double.isNaN(value) ? "-"
                : String.format(Locale.ROOT, "%.2fx", value / reference);
    }

    /** A table printed with padded columns, or as Markdown. */
    private static final class Table {

        private final String[] header;
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            this.header = header;
        }

        void row(String... cells) {
            rows.add(cells);
        }

        List<String> text() {
            int[] width = new int[header.length];
            for (int i = 0; i < header.length; i++) {
                width[i] = header[i].length();
                for (String[] row : rows) {
                    width[i] = Math.max(width[i], row[i].length());
                }
            }
            List<String> out = new ArrayList<>();
            out.add(line(header, width));
            for (String[] row : rows) {
                out.add(line(row, width));
            }
            return out;
        }

        private static String line(String[] cells, int[] width) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    b.append("  ");
                }
                String cell = cells[i];
                boolean number = !cell.isEmpty() && (Character.isDigit(cell.charAt(0)) || cell.equals("-"));
                String pad = " ".repeat(width[i] - cell.length());
                b.append(number ? pad + cell : cell + pad);
            }
            return b.toString().stripTrailing();
        }

        List<String> markdown() {
            List<String> out = new ArrayList<>();
            out.add("| " + String.join(" | ", header) + " |");
            StringBuilder rule = new StringBuilder("|");
            for (int i = 0; i < header.length; i++) {
                rule.append(i < 2 ? " --- |" : " ---: |");
            }
            out.add(rule.toString());
            for (String[] row : rows) {
                out.add("| " + String.join(" | ", row) + " |");
            }
            return out;
        }
    }
}
