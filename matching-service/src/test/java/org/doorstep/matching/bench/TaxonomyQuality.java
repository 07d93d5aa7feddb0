package org.doorstep.matching.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.doorstep.matching.taxonomy.BuiltInVocabulary;
import org.doorstep.matching.taxonomy.CsvReader;
import org.doorstep.matching.taxonomy.EscoLoader;
import org.doorstep.matching.taxonomy.Occupation;
import org.doorstep.matching.taxonomy.Taxonomy;
import org.doorstep.matching.taxonomy.TaxonomyBuilder;
import org.doorstep.matching.taxonomy.TitleMatch;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures the taxonomy on real data (../shared/data) and prints the figures:
 * <ol>
 * <li>title to occupation, accuracy@1 and @5 on a held-out 20% of ESCO's alternative occupation titles
 * (chosen by a fixed hash of occupation and title; the vocabulary under test is built from the
 * preferred labels and the other 80% only), by ESCO concept and by ISCO unit group;</li>
 * <li>the share of cn_51job tags that normalise to a known skill concept, over all tags and over the
 * tags that are neither degree, experience nor benefit;</li>
 * <li>the share of NHS job titles (and 51job job names) that normalise to an occupation with at least
 * the confidence matching needs to derive a posting's occupation.</li>
 * </ol>
 */
public final class TaxonomyQuality {

    private static final Pattern EDUCATION = Pattern.compile("^(本科|大专|硕士|博士|高中|中专|中技|初中及以下|中专/中技|学历不限|研究生|统招本科)$");
    private static final Pattern EXPERIENCE = Pattern.compile("(\\d+\\s*[-–]?\\s*\\d*\\s*年|无需经验|在校生|应届生|经验不限)");
    private static final Pattern BENEFIT = Pattern.compile(
            "(险|公积金|奖|补贴|补助|假|双休|休二|餐|宿|包住|包吃|旅游|体检|专业培训|福利|班车|期权|团建|下午茶|健身|双薪|礼物|早九晚六|弹性工作|出国机会|年金|企业年金|商业保险|定期|节日|食堂|工资|社保|晋升|发展空间|氛围|调薪|津贴|礼金|生日|扁平|大牛|活动经费|朝九晚六|百强|实习证明|加班费)");

    public static void main(String[] args) throws IOException {
        Path data = SharedData.require();
        Path esco = data.resolve("esco");

        // 1. held-out ESCO alternative titles
        List<String[]> heldOut = new ArrayList<>();
        Map<String, Integer> iscoByUri = new HashMap<>();
        CsvReader.forEach(esco.resolve("occupations_en.csv"), row -> {
            iscoByUri.put(row.get("conceptUri"), org.doorstep.matching.taxonomy.IscoCode.parse(row.get("iscoGroup")));
            String alt = row.get("altLabels");
            if (alt != null) {
                for (String title : alt.split("\n")) {
                    if (!title.isBlank() && heldOut(row.get("conceptUri"), title.trim())) {
                        heldOut.add(new String[] {row.get("conceptUri"), title.trim()});
                    }
                }
            }
        });
        long heapBefore = usedHeap();
        long[] buildNanos = new long[2];
        Taxonomy trained = trained(esco, buildNanos);
        long heapHeld = usedHeap() - heapBefore;
        int at1 = 0;
        int at5 = 0;
        int isco1 = 0;
        int isco5 = 0;
        for (String[] case_ : heldOut) {
            List<Occupation> ranked = trained.rankTitle(case_[1], 5);
            int truth = iscoByUri.get(case_[0]);
            for (int i = 0; i < ranked.size(); i++) {
                if (ranked.get(i).key().equals(case_[0])) {
                    at5++;
                    if (i == 0) {
                        at1++;
                    }
                    break;
                }
            }
            for (int i = 0; i < ranked.size(); i++) {
                if (ranked.get(i).isco() == truth) {
                    isco5++;
                    if (i == 0) {
                        isco1++;
                    }
                    break;
                }
            }
        }
        int n = heldOut.size();
        // speed: a second pass over the same titles (the first warmed the JIT), thread CPU time and wall-clock
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        int sink = 0;
        for (String[] case_ : heldOut) {
            sink += trained.rankTitle(case_[1], 5).size();
        }
        cpu = threads.getCurrentThreadCpuTime() - cpu;
        wall = System.nanoTime() - wall;
        print("ESCO held-out alternative titles: %,d (20%% of all, fixed split)", n);
        print("  rankTitle(title, 5): %.0f us CPU, %.0f us wall-clock per title (%d results)", cpu / 1e3 / n, wall / 1e3 / n, sink);
        print("  accuracy by occupation concept:  @1 %.1f%%  @5 %.1f%%", 100.0 * at1 / n, 100.0 * at5 / n);
        print("  accuracy by ISCO-08 unit group:  @1 %.1f%%  @5 %.1f%%", 100.0 * isco1 / n, 100.0 * isco5 / n);
        print("  taxonomy built from it: build() %d ms CPU, %d ms wall-clock (title matcher, skill weights, inference);"
                + " heap held %.1f MB", buildNanos[0] / 1_000_000, buildNanos[1] / 1_000_000, heapHeld / 1e6);

        // 2 and 3, with the built-in vocabulary alone and with ESCO added (as an operator would run it)
        Taxonomy builtIn = BuiltInVocabulary.load();
        TaxonomyBuilder full = new TaxonomyBuilder();
        BuiltInVocabulary.addTo(full);
        EscoLoader.addTo(full, esco, null);
        Taxonomy withEsco = full.build();

        List<String> tags = new ArrayList<>();
        List<String> jobNames = new ArrayList<>();
        CsvReader.forEach(data.resolve("cn_51job/51job.csv"), row -> {
            jobNames.add(row.get("jobName"));
            String cell = row.get("tags");
            if (cell != null) {
                for (String tag : cell.split("[,，]")) {
                    if (!tag.isBlank()) {
                        tags.add(tag.trim());
                    }
                }
            }
        });
        List<String> skillLike = tags.stream().filter(t -> !EDUCATION.matcher(t).find() && !EXPERIENCE.matcher(t).find()
                && !BENEFIT.matcher(t).find()).toList();
        List<String> nhsTitles = nhsTitles(data.resolve("nhs_jobs/nhs_jobs_2020-11.jsonl.gz"));
        for (var entry : List.of(Map.entry("built-in vocabulary", builtIn), Map.entry("built-in + ESCO", withEsco))) {
            Taxonomy t = entry.getValue();
            print("%s:", entry.getKey());
            print("  cn_51job tags normalised to a skill: %.1f%% of %,d tag occurrences; %.1f%% of the %,d that are not degree,"
                            + " experience or benefit", share(tags, x -> t.knownSkill(x) >= 0), tags.size(),
                    share(skillLike, x -> t.knownSkill(x) >= 0), skillLike.size());
            print("  NHS titles normalised to an occupation (confidence >= %.1f): %.1f%% of %,d",
                    Taxonomy.DERIVE_CONFIDENCE, share(nhsTitles, x -> confident(t.normaliseTitle(x))), nhsTitles.size());
            print("  cn_51job job names normalised to an occupation (confidence >= %.1f): %.1f%% of %,d",
                    Taxonomy.DERIVE_CONFIDENCE, share(jobNames, x -> confident(t.normaliseTitle(x))), jobNames.size());
        }
    }

    /** ESCO without the held-out titles; the builder is dropped, so that only the taxonomy stays reachable. */
    private static Taxonomy trained(Path esco, long[] buildNanos) {
        TaxonomyBuilder escoOnly = new TaxonomyBuilder();
        EscoLoader.addTo(escoOnly, esco, (uri, title) -> !heldOut(uri, title));
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        Taxonomy trained = escoOnly.build();
        buildNanos[0] = threads.getCurrentThreadCpuTime() - cpu;
        buildNanos[1] = System.nanoTime() - wall;
        return trained;
    }

    /** Heap in use after full collections (an estimate of what is reachable). */
    private static long usedHeap() {
        var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The fixed 20% split: a hash of occupation and title, independent of file order and JVM. */
    public static boolean heldOut(String uri, String title) {
        long h = 1125899906842597L;
        for (char c : (uri + "|" + title).toCharArray()) {
            h = 31 * h + c;
        }
        h ^= (h >>> 33);
        h *= 0xff51afd7ed558ccdL;
        h ^= (h >>> 33);
        return Math.floorMod(h, 5) == 0;
    }

    private static boolean confident(Optional<TitleMatch> match) {
        return match.isPresent() && match.get().confidence() >= Taxonomy.DERIVE_CONFIDENCE;
    }

    private static double share(List<String> values, java.util.function.Predicate<String> ok) {
        return values.isEmpty() ? 0 : 100.0 * values.stream().filter(ok).count() / values.size();
    }

    private static List<String> nhsTitles(Path file) {
        JsonMapper json = JsonMapper.builder().build();
        List<String> titles = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode node = json.readTree(line);
                String title = node.path("title").asString("");
                if (!title.isBlank()) {
                    titles.add(title);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return titles;
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    private TaxonomyQuality() {
    }
}
