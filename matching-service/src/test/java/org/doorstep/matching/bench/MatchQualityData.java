package org.doorstep.matching.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.doorstep.matching.bench.MatchQuality.Resume;
import org.doorstep.matching.taxonomy.CsvReader;
import org.doorstep.matching.taxonomy.IscoCode;

/**
 * The match-quality benchmark's inputs, read at run time from {@code ../shared/data} (never copied into
 * the project):
 * <ul>
 * <li>seekers: {@code resumes_dev/resumes.csv.gz} (id, category, text; rows with empty text are skipped);</li>
 * <li>postings: every ESCO occupation of {@code esco/occupations_en.csv} (title = preferred label,
 * description, ISCO-08 unit group) with its essential skills from {@code occupationSkillRelations.csv.gz},
 * labelled from {@code skills_en.csv}, the first {@value #MAX_SKILLS} in file order (postings-service caps a
 * posting's skills at 50);</li>
 * <li>relevance: {@code resumes_dev/category_isco.tsv}: a posting is relevant to a resume when the posting's
 * ISCO unit group is listed for the resume's category;</li>
 * <li>clean and noisy categories: from the first-line-title shares listed in {@code resumes_dev/PROVENANCE.txt},
 * clean when the share is at least {@value #CLEAN_SHARE}%; {@link #CLEAN_FALLBACK} when that paragraph cannot
 * be parsed.</li>
 * </ul>
 */
final class MatchQualityData {

    static final int MAX_SKILLS = 50;
    /** PROVENANCE.txt: "report results for the first group (>= ~70%) separately from the noisy rest". */
    static final int CLEAN_SHARE = 70;
    /**
     * The clean categories as PROVENANCE.txt (fetched 2026-12-02) lists them, for a release of the data whose
     * file cannot be parsed: ACCOUNTANT 99%, BUSINESS-DEVELOPMENT 99%, ENGINEERING 99%, FINANCE 100%, HR 99%,
     * CONSULTANT 98%, SALES 98%, DESIGNER 97%, TEACHER 96%, INFORMATION-TECHNOLOGY 85%, CHEF 82%,
     * CONSTRUCTION 74%, DIGITAL-MEDIA 71% (next: ADVOCATE 69%).
     */
    static final Set<String> CLEAN_FALLBACK = Set.of("ACCOUNTANT", "BUSINESS-DEVELOPMENT", "ENGINEERING", "FINANCE",
            "HR", "CONSULTANT", "SALES", "DESIGNER", "TEACHER", "INFORMATION-TECHNOLOGY", "CHEF", "CONSTRUCTION",
            "DIGITAL-MEDIA");

    /** A posting made from an ESCO occupation; {@code skillUris} and {@code skillLabels} run in parallel. */
    record EscoPosting(String uri, int isco, String title, String description, List<String> skillUris,
                       List<String> skillLabels) {
    }

    private final Path folder;
    private final List<Resume> resumes;
    private final List<EscoPosting> postings;
    private final Map<String, Set<Integer>> relevantIsco;
    private final Map<String, Integer> relevantAvailable = new HashMap<>();
    private final Set<String> clean;
    private final boolean cleanParsed;
    private final int skippedEmpty;

    private MatchQualityData(Path folder, List<Resume> resumes, int skippedEmpty, List<EscoPosting> postings,
                             Map<String, Set<Integer>> relevantIsco, Set<String> clean, boolean cleanParsed) {
        this.folder = folder;
        this.resumes = resumes;
        this.skippedEmpty = skippedEmpty;
        this.postings = postings;
        this.relevantIsco = relevantIsco;
        this.clean = clean;
        this.cleanParsed = cleanParsed;
        for (String category : relevantIsco.keySet()) {
            relevantAvailable.put(category, (int) postings.stream().filter(p -> relevantIsco.get(category).contains(p.isco())).count());
        }
    }

    /**
     * Reads everything; exits with status 2 and a message when the data is absent.
     *
     * @param perCategory resumes kept per category (a sample drawn with {@code seed}); 0 or less keeps all
     */
    static MatchQualityData load(Path data, int perCategory, long seed) {
        Path resumesDir = data.resolve("resumes_dev");
        Path esco = data.resolve("esco");
        for (Path needed : List.of(resumesDir.resolve("resumes.csv.gz"), resumesDir.resolve("category_isco.tsv"),
                resumesDir.resolve("PROVENANCE.txt"), esco.resolve("occupations_en.csv"), esco.resolve("skills_en.csv"),
                esco.resolve("occupationSkillRelations.csv.gz"))) {
            if (!Files.isRegularFile(needed)) {
                System.err.println(needed + " not found: the match-quality benchmark needs ../shared/data/resumes_dev and"
                        + " ../shared/data/esco (set -Ddoorstep.shared-data=/path/to/shared/data)");
                System.exit(2);
            }
        }

        // seekers, grouped by category in file order, optionally sampled per category
        Map<String, List<Resume>> byCategory = new TreeMap<>();
        int[] empty = {0};
        CsvReader.forEach(resumesDir.resolve("resumes.csv.gz"), row -> {
            String text = row.get("text");
            if (text == null || text.isBlank()) {
                empty[0]++;
                return;
            }
            byCategory.computeIfAbsent(row.get("category").trim(), c -> new ArrayList<>())
                    .add(new Resume(row.get("id").trim(), row.get("category").trim(), text));
        });
        List<Resume> resumes = new ArrayList<>();
        for (List<Resume> list : byCategory.values()) {
            if (perCategory > 0 && list.size() > perCategory) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    order.add(i);
                }
                Collections.shuffle(order, new Random(seed));
                List<Integer> kept = new ArrayList<>(order.subList(0, perCategory));
                Collections.sort(kept);
                kept.forEach(i -> resumes.add(list.get(i)));
            } else {
                resumes.addAll(list);
            }
        }

        // postings
        Map<String, String> skillLabel = new HashMap<>();
        CsvReader.forEach(esco.resolve("skills_en.csv"), row -> {
            String label = row.get("preferredLabel");
            if (label != null && !label.isBlank()) {
                skillLabel.put(row.get("conceptUri"), label.trim());
            }
        });
        Map<String, List<String>> essential = new HashMap<>();
        CsvReader.forEach(esco.resolve("occupationSkillRelations.csv.gz"), row -> {
            String skill = row.get("skillUri");
            if ("essential".equals(row.get("relationType")) && skillLabel.containsKey(skill)) {
                List<String> list = essential.computeIfAbsent(row.get("occupationUri"), k -> new ArrayList<>());
                if (list.size() < MAX_SKILLS && !list.contains(skill)) {
                    list.add(skill);
                }
            }
        });
        List<EscoPosting> postings = new ArrayList<>();
        CsvReader.forEach(esco.resolve("occupations_en.csv"), row -> {
            String uri = row.get("conceptUri");
            String label = row.get("preferredLabel");
            int isco = IscoCode.parse(row.get("iscoGroup"));
            if (uri == null || label == null || label.isBlank() || isco == 0) {
                return;
            }
            List<String> uris = List.copyOf(essential.getOrDefault(uri, List.of()));
            String description = row.get("description");
            postings.add(new EscoPosting(uri, isco, label.trim(), description == null ? "" : description.trim(), uris,
                    uris.stream().map(skillLabel::get).toList()));
        });

        // relevance
        Map<String, Set<Integer>> relevant = new TreeMap<>();
        try {
            List<String> lines = Files.readAllLines(resumesDir.resolve("category_isco.tsv"), StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t");
                if (f.length >= 2 && !f[0].isBlank()) {
                    relevant.computeIfAbsent(f[0].trim(), c -> new TreeSet<>()).add(Integer.parseInt(f[1].trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String category : byCategory.keySet()) {
            relevant.putIfAbsent(category, Set.of());
        }

        Set<String> parsed = cleanCategories(resumesDir.resolve("PROVENANCE.txt"));
        return new MatchQualityData(data, List.copyOf(resumes), empty[0], List.copyOf(postings), relevant,
                parsed.isEmpty() ? CLEAN_FALLBACK : parsed, !parsed.isEmpty());
    }

    /** The categories whose first-line-title share in PROVENANCE.txt is at least {@value #CLEAN_SHARE}%; empty if not found. */
    static Set<String> cleanCategories(Path provenance) {
        String text;
        try {
            text = Files.readString(provenance, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Set.of();
        }
        int start = text.indexOf("first line");
        if (start < 0) {
            return Set.of();
        }
        int end = text.indexOf("For a reliable", start);
        Matcher m = Pattern.compile("([A-Z][A-Z-]+) (\\d+)%").matcher(text.substring(start, end < 0 ? text.length() : end));
        Set<String> clean = new TreeSet<>();
        int seen = 0;
        while (m.find()) {
            seen++;
            if (Integer.parseInt(m.group(2)) >= CLEAN_SHARE) {
                clean.add(m.group(1));
            }
        }
        return seen == 0 ? Set.of() : clean;
    }

    Path folder() {
        return folder;
    }

    List<Resume> resumes() {
        return resumes;
    }

    int skippedEmpty() {
        return skippedEmpty;
    }

    List<EscoPosting> postings() {
        return postings;
    }

    boolean clean(String category) {
        return clean.contains(category);
    }

    Set<String> cleanCategories() {
        return new TreeSet<>(clean);
    }

    /** Whether the clean list came from PROVENANCE.txt (else {@link #CLEAN_FALLBACK}). */
    boolean cleanParsed() {
        return cleanParsed;
    }

    boolean relevant(String category, int isco) {
        return relevantIsco.getOrDefault(category, Set.of()).contains(isco);
    }

    /** How many postings are relevant to a resume of this category (the ideal DCG's length, before the cap at k). */
    int relevantAvailable(String category) {
        return relevantAvailable.getOrDefault(category, 0);
    }

    /** The categories of the kept resumes, with their resume counts, in name order. */
    Map<String, Integer> categoryCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        resumes.stream().map(Resume::category).sorted().forEach(c -> counts.merge(c, 1, Integer::sum));
        return counts;
    }
}
