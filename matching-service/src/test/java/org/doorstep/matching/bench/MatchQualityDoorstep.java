package org.doorstep.matching.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.doorstep.matching.bench.MatchQuality.Extracted;
import org.doorstep.matching.bench.MatchQuality.ExtractedOccupation;
import org.doorstep.matching.bench.MatchQuality.ExtractedSkill;
import org.doorstep.matching.bench.MatchQuality.Hit;
import org.doorstep.matching.bench.MatchQuality.Resume;
import org.doorstep.matching.bench.MatchQuality.SeekerRanker;
import org.doorstep.matching.bench.MatchQuality.SkillExtraction;
import org.doorstep.matching.bench.MatchQualityData.EscoPosting;
import org.doorstep.matching.extraction.Extraction;
import org.doorstep.matching.extraction.ProfileInference;
import org.doorstep.matching.extraction.SkillExtractor;
import org.doorstep.matching.index.PostingIndex;
import org.doorstep.matching.index.Ranked;
import org.doorstep.matching.index.Retrieved;
import org.doorstep.matching.scoring.EmploymentType;
import org.doorstep.matching.scoring.Learned;
import org.doorstep.matching.scoring.MatchScorer;
import org.doorstep.matching.scoring.MatchingPolicy;
import org.doorstep.matching.scoring.Posting;
import org.doorstep.matching.scoring.Seeker;
import org.doorstep.matching.scoring.Workplace;
import org.doorstep.matching.taxonomy.Taxonomy;
import org.doorstep.matching.taxonomy.TaxonomyLoader;
import org.doorstep.matching.taxonomy.TaxonomyProperties;

/**
 * Everything Doorstep-specific in the match-quality benchmark: the service's own parts, built as the service
 * builds them, so that what is measured is what runs.
 * <ul>
 * <li>Taxonomy: {@link TaxonomyLoader} with the defaults of {@code ./doorstep up} (built-in vocabulary plus the
 * ESCO resource shipped in the jar; no folder).</li>
 * <li>Extraction: {@link SkillExtractor}, the engine of {@code POST /api/v1/skills:extract}.</li>
 * <li>Postings: every ESCO occupation as an open, fresh posting (title, description, its essential skills as
 * required skills, no occupation field), through {@link ProfileInference} as the service's DomainTranslator
 * does: occupation from the title (or the skills), skills from the description.</li>
 * <li>Seekers: the resume's extracted skills (confidence >= {@link #MIN_SKILL_CONFIDENCE}); with
 * {@code -Ddoorstep.quality.titles=true} (the default) also the occupations the extractor found, as the titles a
 * person confirms in the app (they become stated occupations); their likely occupations inferred from the skills
 * as the service does.</li>
 * <li>Ranking: {@link PostingIndex#match} (Lucene retrieval, then {@link MatchScorer} on the candidates), all at
 * one place; also a full scan ({@link PostingIndex#scan}) to measure what retrieval loses (recall of the scan's
 * top 200).</li>
 * </ul>
 */
final class MatchQualityDoorstep {

    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    static final double MIN_SKILL_CONFIDENCE = Double.parseDouble(System.getProperty("doorstep.quality.min-skill", "0.5"));
    static final boolean TITLES = Boolean.parseBoolean(System.getProperty("doorstep.quality.titles", "true"));
    static final double MIN_TITLE_CONFIDENCE = Double.parseDouble(System.getProperty("doorstep.quality.min-title", "0.9"));
    static final int RECALL_K = 200;
    private static final double LAT = 31.2304;
    private static final double LON = 121.4737;

    private static Taxonomy taxonomy;
    private static SkillExtractor extractor;

    private MatchQualityDoorstep() {
    }

    private static synchronized Taxonomy taxonomy() {
        if (taxonomy == null) {
            taxonomy = TaxonomyLoader.load(new TaxonomyProperties(null, true));
            extractor = new SkillExtractor(taxonomy);
        }
        return taxonomy;
    }

    static SkillExtraction extraction(Path data) {
        taxonomy();
        return text -> {
            Extraction e = extractor.extract(text, 100);
            return new Extracted(
                    e.skills().stream().map(s -> new ExtractedSkill(s.uri(), s.label(), s.confidence())).toList(),
                    e.occupations().stream().map(o -> new ExtractedOccupation(o.uri(), o.label(), o.confidence())).toList());
        };
    }

    static SeekerRanker ranker(Path data, List<EscoPosting> postings, SkillExtraction extraction) {
        return new Doorstep(taxonomy(), postings, extraction);
    }

    static Doorstep ranker(List<EscoPosting> postings, SkillExtraction extraction, Learned learned) {
        return new Doorstep(taxonomy(), postings, extraction, learned);
    }

    static String description() {
        return "Doorstep = the service's taxonomy (built-in + shipped ESCO resource), SkillExtractor, ProfileInference,"
                + " PostingIndex retrieval + MatchScorer (MatchingPolicy.defaults()); seekers: extracted skills (confidence >= "
                + MIN_SKILL_CONFIDENCE + ")" + (TITLES ? " and extracted titles (confidence >= " + MIN_TITLE_CONFIDENCE
                + ") as stated occupations" : ", no stated occupation") + ", likely occupations inferred from skills";
    }

    /** The defaults, or other factor weights for an experiment: -Ddoorstep.quality.weights=occupation,skills. */
    static MatchingPolicy policy() {
        MatchingPolicy d = MatchingPolicy.defaults();
        String weights = System.getProperty("doorstep.quality.weights");
        if (weights == null) {
            return d;
        }
        String[] w = weights.split(",");
        MatchingPolicy.Weights dw = d.weights();
        return new MatchingPolicy(d.threshold(), d.topK(), d.materialChange(), d.defaultMaxDistanceKm(),
                d.educationTolerance(), d.experienceToleranceYears(), d.relatedSkillCredit(), d.freshnessHalfLifeDays(),
                d.keyGroupBonus(), d.priorityBonus(), new MatchingPolicy.Weights(Double.parseDouble(w[0]),
                Double.parseDouble(w[1]), w.length > 2 ? Double.parseDouble(w[2]) : dw.profileFit(), dw.distance(), dw.salary(), dw.experience(), dw.freshness()), null);
    }

    static final class Doorstep implements SeekerRanker, AutoCloseable {

        private final Taxonomy taxonomy;
        private final SkillExtraction extraction;
        private final ProfileInference inference;
        private final MatchScorer scorer;
        private final PostingIndex index;
        private final Map<String, Posting> byId = new HashMap<>();
        long retrievalChecks;
        long retrievalKept;

        Doorstep(Taxonomy taxonomy, List<EscoPosting> escoPostings, SkillExtraction extraction) {
            this(taxonomy, escoPostings, extraction, Learned.NOTHING);
        }

        /** Scoring with what was {@code learned} from feedback (the feedback-quality benchmark). */
        Doorstep(Taxonomy taxonomy, List<EscoPosting> escoPostings, SkillExtraction extraction, Learned learned) {
            this.taxonomy = taxonomy;
            this.extraction = extraction;
            this.inference = new ProfileInference(taxonomy, extractor);
            MatchingPolicy policy = policy();
            this.scorer = new MatchScorer(policy, taxonomy, learned);
            this.index = new PostingIndex(policy);
            for (EscoPosting p : escoPostings) {
                Posting posting = posting(p);
                byId.put(posting.id(), posting);
                index.upsert(posting);
            }
            index.optimise();
        }

        /** As DomainTranslator makes a posting from postings-service's event. */
        private Posting posting(EscoPosting p) {
            TreeSet<Integer> required = new TreeSet<>();
            for (int i = 0; i < p.skillUris().size(); i++) {
                int ord = taxonomy.skill(p.skillLabels().get(i), p.skillUris().get(i));
                if (ord >= 0) {
                    required.add(ord);
                }
            }
            int[] declared = ints(required);
            ProfileInference.PostingOccupation occupation = inference.postingOccupation(null, p.title(), declared);
            ProfileInference.DescriptionSkills described = inference.descriptionSkills(p.description(), declared);
            return new Posting(p.uri(), "esco", p.uri(), 1, true, p.title(), LAT, LON, null, null, Workplace.ONSITE,
                    EmploymentType.FULL_TIME, null, occupation.isco(), occupation.derived(), declared, new int[0], null,
                    Float.NaN, 0, 0, List.of(), NOW.plusSeconds(30L * 86_400), NOW, occupation.confidence(),
                    described.skills(), described.confidence(), occupation.profile());
        }

        Posting posting(String id) {
            return byId.get(id);
        }

        /** As DomainTranslator makes a seeker from seekers-service's event, the profile built from the resume. */
        Seeker seeker(Resume resume) {
            Extracted found = extraction.extract(resume.text());
            TreeSet<Integer> skills = new TreeSet<>();
            for (ExtractedSkill skill : found.skills()) {
                if (skill.confidence() >= MIN_SKILL_CONFIDENCE) {
                    int ord = taxonomy.skill(skill.label(), skill.concept());
                    if (ord >= 0) {
                        skills.add(ord);
                    }
                }
            }
            List<String> titles = new ArrayList<>();
            if (TITLES) {
                for (ExtractedOccupation o : found.occupations()) {
                    if (o.confidence() >= MIN_TITLE_CONFIDENCE) {
                        titles.add(o.uri());
                    }
                }
            }
            int[] held = ints(skills);
            ProfileInference.Occupations occupations = inference.seekerOccupations(held, titles);
            return new Seeker(resume.id(), 1, true, LAT, LON, null, Float.NaN, false, occupations.isco(), held, null,
                    Float.NaN, Float.NaN, null, 0, 0, 0, occupations.confidence());
        }

        @Override
        public List<String> top(Resume resume, int k) {
            return scored(resume, k).stream().map(Hit::postingId).toList();
        }

        @Override
        public List<Hit> scored(Resume resume, int k) {
            Seeker seeker = seeker(resume);
            Retrieved<Posting> retrieved = index.match(seeker, scorer, Math.max(k, RECALL_K), NOW);
            List<Hit> hits = new ArrayList<>();
            for (Ranked<Posting> r : retrieved.ranked()) {
                if (hits.size() == k) {
                    break;
                }
                hits.add(new Hit(r.item().id(), r.score()));
            }
            return hits;
        }

        /** Of the full scan's top 200 for this resume, how many the index returns too. */
        void checkRecall(Resume resume) {
            Seeker seeker = seeker(resume);
            java.util.Set<String> viaIndex = new java.util.HashSet<>();
            index.match(seeker, scorer, RECALL_K, NOW).ranked().forEach(r -> viaIndex.add(r.item().id()));
            for (Ranked<Posting> r : index.scan(seeker, scorer, RECALL_K, NOW).ranked()) {
                retrievalChecks++;
                if (viaIndex.contains(r.item().id())) {
                    retrievalKept++;
                }
            }
        }

        @Override
        public String name() {
            return "Doorstep";
        }

        @Override
        public void close() {
            index.close();
        }

        private static int[] ints(TreeSet<Integer> values) {
            return values.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
