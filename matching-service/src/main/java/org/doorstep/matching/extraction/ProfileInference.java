package org.doorstep.matching.extraction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.doorstep.matching.taxonomy.InferredOccupation;
import org.doorstep.matching.taxonomy.Occupation;
import org.doorstep.matching.taxonomy.Taxonomy;
import org.doorstep.matching.taxonomy.TitleMatch;

/**
 * What matching infers about a profile or a posting beyond what it states (DESIGN 6): a seeker's likely
 * occupations from their skills, a posting's occupation from its title or else its skills, and the
 * skills a posting's description names. The service (from events) and the quality benchmark use this one
 * class, so that what is measured is what runs.
 */
public final class ProfileInference {

    /** How many inferred ISCO unit groups a seeker keeps (memory: one int and one float each). */
    static final int SEEKER_OCCUPATIONS = 5;
    /** Below this share of an occupation's weighted profile, a skill set says nothing about it. */
    static final double MIN_COVERAGE = 0.08;
    /** A posting whose title names no occupation takes the one its skills point to, if they cover this much. */
    static final double POSTING_MIN_COVERAGE = 0.25;
    /** Declared skills (at most 50, postings-service's limit) and description skills together: what scoring reads. */
    public static final int MAX_POSTING_SKILLS = 64;
    /** Skills found in a description below this confidence are not used. */
    static final double DESCRIPTION_MIN_CONFIDENCE = 0.5;

    private final Taxonomy taxonomy;
    private final SkillExtractor extractor;

    public ProfileInference(Taxonomy taxonomy, SkillExtractor extractor) {
        this.taxonomy = taxonomy;
        this.extractor = extractor;
    }

    /** ISCO unit groups (sorted) with their confidence: stated ones at 1, inferred ones below. */
    public record Occupations(int[] isco, float[] confidence) {
    }

    /**
     * A posting's occupation: ISCO unit group (0 unknown), how sure, whether it was derived, and the
     * position of the occupation's skill profile ({@link Taxonomy#profileOf}, -1 when none is known).
     */
    public record PostingOccupation(int isco, float confidence, boolean derived, int profile) {
    }

    /** Skills from a description (sorted ordinals) with their extraction confidence. */
    public record DescriptionSkills(int[] skills, float[] confidence) {
        static final DescriptionSkills NONE = new DescriptionSkills(new int[0], new float[0]);
    }

    public Occupations seekerOccupations(int[] skills, List<String> stated) {
        Map<Integer, Float> byGroup = new TreeMap<>();
        for (String occupation : stated) {
            int isco = taxonomy.isco(occupation);
            if (isco > 0) {
                byGroup.put(isco, 1f);
            }
        }
        for (InferredOccupation inferred : taxonomy.inferOccupations(skills, SEEKER_OCCUPATIONS, MIN_COVERAGE)) {
            float confidence = (float) Taxonomy.confidenceOfCoverage(inferred.confidence());
            byGroup.merge(inferred.occupation().isco(), confidence, Math::max);
        }
        int[] isco = byGroup.keySet().stream().mapToInt(Integer::intValue).toArray();
        float[] confidence = new float[isco.length];
        for (int i = 0; i < isco.length; i++) {
            confidence[i] = byGroup.get(isco[i]);
        }
        return new Occupations(isco, confidence);
    }

    public PostingOccupation postingOccupation(String stated, String title, int[] skills) {
        int isco = taxonomy.isco(stated);
        if (isco > 0) {
            Occupation concept = stated == null ? null : taxonomy.occupation(stated.trim());
            if (concept == null) {
                concept = taxonomy.normaliseTitle(stated).map(TitleMatch::occupation).filter(o -> o.isco() == isco)
                        .orElse(null);
            }
            return new PostingOccupation(isco, 1f, false, taxonomy.profileOf(concept));
        }
        TitleMatch byTitle = taxonomy.normaliseTitle(title).orElse(null);
        if (byTitle != null && byTitle.confidence() >= Taxonomy.DERIVE_CONFIDENCE) {
            return new PostingOccupation(byTitle.occupation().isco(), (float) byTitle.confidence(), true,
                    taxonomy.profileOf(byTitle.occupation()));
        }
        List<InferredOccupation> bySkills = taxonomy.inferOccupations(skills, 1, POSTING_MIN_COVERAGE);
        if (!bySkills.isEmpty()) {
            InferredOccupation best = bySkills.getFirst();
            return new PostingOccupation(best.occupation().isco(),
                    (float) Taxonomy.confidenceOfCoverage(best.confidence()), true,
                    taxonomy.profileOf(best.occupation()));
        }
        return new PostingOccupation(0, 0f, false, -1);
    }

    /**
     * Skills of the description not already declared (sorted), the most confident kept, as many as fit
     * beside the declared ones in {@link #MAX_POSTING_SKILLS}.
     */
    public DescriptionSkills descriptionSkills(String description, int[] declared) {
        int room = MAX_POSTING_SKILLS - declared.length;
        if (description == null || description.isBlank() || room <= 0) {
            return DescriptionSkills.NONE;
        }
        List<int[]> kept = new ArrayList<>();
        List<Float> confidence = new ArrayList<>();
        for (FoundConcept found : extractor.extract(description, 64).skills()) {
            if (kept.size() == room || found.confidence() < DESCRIPTION_MIN_CONFIDENCE) {
                break;
            }
            int ord = taxonomy.skill(null, found.uri());
            if (ord >= 0 && Arrays.binarySearch(declared, ord) < 0) {
                kept.add(new int[] {ord, kept.size()});
                confidence.add((float) found.confidence());
            }
        }
        kept.sort((a, b) -> Integer.compare(a[0], b[0]));
        int[] skills = new int[kept.size()];
        float[] weights = new float[kept.size()];
        for (int i = 0; i < skills.length; i++) {
            skills[i] = kept.get(i)[0];
            weights[i] = confidence.get(kept.get(i)[1]);
        }
        return new DescriptionSkills(skills, weights);
    }
}
