package org.doorstep.matching.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.doorstep.matching.bench.MatchQuality.Extracted;
import org.doorstep.matching.bench.MatchQuality.ExtractedOccupation;
import org.doorstep.matching.bench.MatchQuality.ExtractedSkill;
import org.doorstep.matching.bench.MatchQuality.Hit;
import org.doorstep.matching.bench.MatchQuality.Resume;
import org.doorstep.matching.bench.MatchQuality.SeekerRanker;
import org.doorstep.matching.bench.MatchQuality.SkillExtraction;
import org.doorstep.matching.bench.MatchQualityData.EscoPosting;
import org.doorstep.matching.scoring.EmploymentType;
import org.doorstep.matching.scoring.MatchScorer;
import org.doorstep.matching.scoring.MatchingPolicy;
import org.doorstep.matching.scoring.Posting;
import org.doorstep.matching.scoring.Seeker;
import org.doorstep.matching.scoring.Workplace;
import org.doorstep.matching.taxonomy.CsvReader;
import org.doorstep.matching.taxonomy.Occupation;
import org.doorstep.matching.taxonomy.Taxonomy;
import org.doorstep.matching.taxonomy.TaxonomyLoader;
import org.doorstep.matching.taxonomy.TaxonomyProperties;

/**
 * Everything Doorstep-specific in the match-quality benchmark, in one file so that it can be swapped for the
 * real thing: the skill extraction ({@link #extraction}) and the Doorstep ranker ({@link #ranker}).
 * <p>
 * What is here is the <b>baseline on main as of 2026-12-02</b>:
 * <ul>
 * <li>{@link StandInExtraction}: the benchmark's own stand-in for the skills:extract endpoint (which does not
 * exist yet): ESCO skill and occupation labels found in the text by exact lookup of lower-case word n-grams
 * (n &lt;= 6), longest match first, without overlaps;</li>
 * <li>{@link Baseline}: the taxonomy as the service builds it ({@link TaxonomyLoader}: built-in vocabulary plus the
 * ESCO folder, i.e. what {@code DOORSTEP_ESCO_FOLDER} gives), a {@link MatchScorer} with
 * {@link MatchingPolicy#defaults()}, every ESCO occupation as an open, fresh {@link Posting} with its essential
 * skills as required skills (the occupation derived from the title, as {@code DomainTranslator} does when a
 * posting names none), all at one place, and each resume as a {@link Seeker} at that place whose skills are the
 * extracted ones (no desired occupation, no other field). Every posting is scored ({@link MatchScorer#score}, a
 * full scan, no index); pairs that do not match ({@link MatchScorer#NO_MATCH}) are left out; the rest ranked by
 * score, ties broken by posting id (the occupation URI).</li>
 * </ul>
 */
final class MatchQualityDoorstep {

    /** Scoring time: the postings are updated at this instant and valid for 30 days after it. */
    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    /** Where every posting and every seeker is (Shanghai): distance plays no part. */
    private static final double LAT = 31.2304;
    private static final double LON = 121.4737;

    private MatchQualityDoorstep() {
    }

    /** The skill extraction the benchmark gives the skill-label baseline and the Doorstep ranker. */
    static SkillExtraction extraction(Path data) {
        return new StandInExtraction(data.resolve("esco"));
    }

    /** The Doorstep ranker over {@code postings}, seekers' skills from {@code extraction}. */
    static SeekerRanker ranker(Path data, List<EscoPosting> postings, SkillExtraction extraction) {
        Taxonomy taxonomy = TaxonomyLoader.load(new TaxonomyProperties(data.resolve("esco").toString()));
        return new Baseline(taxonomy, postings, extraction);
    }

    /** One line for the report: what the Doorstep column is. */
    static String description() {
        return "Doorstep baseline = main's MatchScorer (MatchingPolicy.defaults(), built-in vocabulary + ESCO folder),"
                + " full scan; seekers' skills from the benchmark's stand-in extraction (exact ESCO label n-grams),"
                + " no desired occupation";
    }

    /** The Doorstep ranker of main today: {@link MatchScorer#score} over every posting. */
    static final class Baseline implements SeekerRanker {

        private final Taxonomy taxonomy;
        private final SkillExtraction extraction;
        private final Posting[] postings;
        private final MatchScorer.Prepared[] prepared;

        Baseline(Taxonomy taxonomy, List<EscoPosting> escoPostings, SkillExtraction extraction) {
            this.taxonomy = taxonomy;
            this.extraction = extraction;
            MatchScorer scorer = new MatchScorer(MatchingPolicy.defaults(), taxonomy);
            postings = new Posting[escoPostings.size()];
            prepared = new MatchScorer.Prepared[postings.length];
            for (int i = 0; i < postings.length; i++) {
                postings[i] = posting(escoPostings.get(i));
                prepared[i] = scorer.prepare(postings[i], NOW);
            }
        }

        /** As DomainTranslator makes a posting from postings-service's event: labels (with ESCO URIs) to concepts. */
        private Posting posting(EscoPosting p) {
            TreeSet<Integer> required = new TreeSet<>();
            for (int i = 0; i < p.skillUris().size(); i++) {
                int ord = taxonomy.skill(p.skillLabels().get(i), p.skillUris().get(i));
                if (ord >= 0) {
                    required.add(ord);
                }
            }
            int isco = taxonomy.occupationOfTitle(p.title()).stream().findFirst().map(Occupation::isco).orElse(0);
            return new Posting(p.uri(), "esco", p.uri(), 1, true, p.title(), LAT, LON, null, null, Workplace.ONSITE,
                    EmploymentType.FULL_TIME, null, isco, isco > 0, ints(required), new int[0], null, Float.NaN, 0, 0,
                    List.of(), NOW.plusSeconds(30L * 86_400), NOW);
        }

        Seeker seeker(Resume resume) {
            TreeSet<Integer> skills = new TreeSet<>();
            for (ExtractedSkill skill : extraction.extract(resume.text()).skills()) {
                String uri = skill.concept() != null && skill.concept().startsWith("http") ? skill.concept() : null;
                int ord = taxonomy.skill(skill.label(), uri);
                if (ord >= 0) {
                    skills.add(ord);
                }
            }
            return new Seeker(resume.id(), 1, true, LAT, LON, null, Float.NaN, false, new int[0], ints(skills), null,
                    Float.NaN, Float.NaN, null, 0, 0, 0);
        }

        @Override
        public List<String> top(Resume resume, int k) {
            return scored(resume, k).stream().map(Hit::postingId).toList();
        }

        @Override
        public List<Hit> scored(Resume resume, int k) {
            Seeker seeker = seeker(resume);
            int[] matched = new int[postings.length];
            double[] scores = new double[postings.length];
            int n = 0;
            for (int i = 0; i < postings.length; i++) {
                double score = prepared[i].score(seeker);
                if (score != MatchScorer.NO_MATCH) {
                    matched[n] = i;
                    scores[i] = score;
                    n++;
                }
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = matched[i];
            }
            Arrays.sort(order, (a, b) -> {
                int byScore = Double.compare(scores[b], scores[a]);
                return byScore != 0 ? byScore : postings[a].id().compareTo(postings[b].id());
            });
            List<Hit> hits = new ArrayList<>(Math.min(k, n));
            for (int i = 0; i < Math.min(k, n); i++) {
                hits.add(new Hit(postings[order[i]].id(), scores[order[i]]));
            }
            return hits;
        }

        @Override
        public String name() {
            return "Doorstep baseline";
        }

        private static int[] ints(TreeSet<Integer> values) {
            return values.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * The benchmark's STAND-IN for skill extraction, until the skills:extract endpoint exists: ESCO skill labels
     * (preferred, confidence 1.0; alternative, 0.8) and occupation titles (the same) found in the text by exact
     * lookup of its lower-case word n-grams, n &lt;= {@value #MAX_WORDS}, longest match first, left to right, without
     * overlaps. Where two concepts share a label, the one whose preferred label it is wins, else the first in file
     * order. Each concept is reported once, with its best confidence.
     */
    static final class StandInExtraction implements SkillExtraction {

        static final int MAX_WORDS = 6;
        private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}+#]+");

        private record Label(String uri, String preferred, double confidence) {
        }

        private final Map<String, Label> skills = new HashMap<>();
        private final Map<String, Label> occupations = new HashMap<>();

        StandInExtraction(Path esco) {
            load(esco.resolve("skills_en.csv"), skills);
            load(esco.resolve("occupations_en.csv"), occupations);
        }

        private static void load(Path file, Map<String, Label> into) {
            List<Map<String, String>> rows = new ArrayList<>();
            CsvReader.forEach(file, rows::add);
            for (Map<String, String> row : rows) {
                String preferred = row.get("preferredLabel");
                if (preferred != null && !preferred.isBlank()) {
                    put(into, preferred, new Label(row.get("conceptUri"), preferred.trim(), 1.0));
                }
            }
            for (Map<String, String> row : rows) {
                String preferred = row.get("preferredLabel");
                String alt = row.get("altLabels");
                if (preferred == null || preferred.isBlank() || alt == null) {
                    continue;
                }
                for (String label : alt.split("\n")) {
                    put(into, label, new Label(row.get("conceptUri"), preferred.trim(), 0.8));
                }
            }
        }

        private static void put(Map<String, Label> into, String label, Label value) {
            String[] words = words(label);
            if (words.length > 0 && words.length <= MAX_WORDS) {
                into.putIfAbsent(String.join(" ", words), value);
            }
        }

        static String[] words(String text) {
            String t = NOT_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
            return t.isEmpty() ? new String[0] : t.split(" ");
        }

        @Override
        public Extracted extract(String text) {
            String[] words = words(text);
            List<ExtractedSkill> foundSkills = new ArrayList<>();
            for (Label l : find(words, skills).values()) {
                foundSkills.add(new ExtractedSkill(l.uri(), l.preferred(), l.confidence()));
            }
            List<ExtractedOccupation> foundOccupations = new ArrayList<>();
            for (Label l : find(words, occupations).values()) {
                foundOccupations.add(new ExtractedOccupation(l.uri(), l.preferred(), l.confidence()));
            }
            return new Extracted(List.copyOf(foundSkills), List.copyOf(foundOccupations));
        }

        private static Map<String, Label> find(String[] words, Map<String, Label> labels) {
            Map<String, Label> found = new LinkedHashMap<>();
            StringBuilder key = new StringBuilder();
            int i = 0;
            while (i < words.length) {
                int matched = 0;
                for (int n = Math.min(MAX_WORDS, words.length - i); n >= 1 && matched == 0; n--) {
                    key.setLength(0);
                    for (int j = i; j < i + n; j++) {
                        if (j > i) {
                            key.append(' ');
                        }
                        key.append(words[j]);
                    }
                    Label label = labels.get(key.toString());
                    if (label != null) {
                        matched = n;
                        found.merge(label.uri(), label, (a, b) -> a.confidence() >= b.confidence() ? a : b);
                    }
                }
                i += Math.max(1, matched);
            }
            return found;
        }
    }
}
