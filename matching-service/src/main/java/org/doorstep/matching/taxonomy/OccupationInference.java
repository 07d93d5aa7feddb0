package org.doorstep.matching.taxonomy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A person's (or a posting's) likely occupations from their skills, through ESCO's occupation-skill
 * relations: an occupation's evidence is the weight of its skills the person holds (essential skills
 * count fully, optional ones half), divided by its whole profile's weight plus a prior of
 * {@link #PRIOR} (so that an occupation with three listed skills is not "certain" after one of them).
 * The coverage is monotone: holding one more skill never lowers any occupation's confidence.
 * Occupations are grouped by ISCO-08 unit group (the best occupation of each group speaks for it).
 */
final class OccupationInference {

    /** The weight of about two specific skills, added to every occupation's profile weight. */
    static final double PRIOR = 1.5;
    static final double OPTIONAL = 0.5;

    private final Occupation[] occupations;
    private final Map<Occupation, Integer> indexOf = new HashMap<>();
    private final int[][] essential;
    private final int[][] optional;
    private final int[][] bySkill;
    private final double[] profileWeight;
    private final int[][] relatedOf;
    private final float[][] relatedWeight;
    private static final int[] NONE = new int[0];

    OccupationInference(List<Occupation> occupations, List<int[]> essential, List<int[]> optional,
                        float[] weights, Map<Integer, int[]> relatedSkills) {
        this.occupations = occupations.toArray(new Occupation[0]);
        this.essential = essential.toArray(new int[0][]);
        this.optional = optional.toArray(new int[0][]);
        for (int o = 0; o < this.occupations.length; o++) {
            indexOf.putIfAbsent(this.occupations[o], o);
        }
        this.profileWeight = new double[this.occupations.length];
        int size = this.occupations.length;
        this.evidence = ThreadLocal.withInitial(() -> new double[size]);
        this.touched = ThreadLocal.withInitial(() -> new int[size]);
        int[] counts = new int[weights.length];
        for (int o = 0; o < this.occupations.length; o++) {
            for (int s : essential.get(o)) {
                counts[s]++;
                profileWeight[o] += weights[s];
            }
            for (int s : optional.get(o)) {
                counts[s]++;
                profileWeight[o] += OPTIONAL * weights[s];
            }
        }
        bySkill = new int[weights.length][];
        for (int s = 0; s < weights.length; s++) {
            bySkill[s] = counts[s] == 0 ? null : new int[counts[s]];
        }
        this.relatedOf = new int[this.occupations.length][];
        this.relatedWeight = new float[this.occupations.length][];
        relate(this.essential, this.optional, weights, relatedSkills, relatedOf, relatedWeight);
        int[] filled = new int[weights.length];
        for (int o = 0; o < this.occupations.length; o++) {
            for (int s : essential.get(o)) {
                bySkill[s][filled[s]++] = o << 1 | 1;
            }
            for (int s : optional.get(o)) {
                bySkill[s][filled[s]++] = o << 1;
            }
        }
    }

    static OccupationInference none() {
        return new OccupationInference(List.of(), List.of(), List.of(), new float[0], Map.of());
    }

    /**
     * For each occupation, the skills outside its profile that are related to one of its profile skills (sorted), and
     * the weight each would bring at full credit: the profile skill's weight as {@link #coverage} counts it (the
     * largest when it is related to several). Built once; about one entry per related pair that reaches a profile.
     */
    private static void relate(int[][] essential, int[][] optional, float[] weights, Map<Integer, int[]> relatedSkills,
                               int[][] relatedOf, float[][] relatedWeight) {
        for (int o = 0; o < essential.length; o++) {
            Map<Integer, Float> near = new java.util.TreeMap<>();
            for (int part = 0; part < 2; part++) {
                int[] profile = part == 0 ? essential[o] : optional[o];
                double share = part == 0 ? 1 : OPTIONAL;
                for (int p : profile) {
                    for (int s : relatedSkills.getOrDefault(p, NONE)) {
                        if (java.util.Arrays.binarySearch(essential[o], s) < 0 && java.util.Arrays.binarySearch(optional[o], s) < 0) {
                            near.merge(s, (float) (share * weights[p]), Math::max);
                        }
                    }
                }
            }
            relatedOf[o] = near.keySet().stream().mapToInt(Integer::intValue).toArray();
            relatedWeight[o] = new float[relatedOf[o].length];
            int i = 0;
            for (float w : near.values()) {
                relatedWeight[o][i++] = w;
            }
        }
    }

    boolean isEmpty() {
        return occupations.length == 0;
    }

    /** The position of an occupation with a skill profile, or -1. */
    int indexOf(Occupation occupation) {
        Integer o = occupation == null ? null : indexOf.get(occupation);
        return o == null ? -1 : o;
    }

    int[] essentialOf(int index) {
        return essential[index].clone();
    }

    Occupation occupation(int index) {
        return occupations[index];
    }

    /**
     * How much of occupation {@code o}'s weighted skill profile these skills (sorted) cover, as in
     * {@link #infer}: monotone in the skills, 0 for an unknown occupation.
     */
    double coverage(int o, int[] skills, Taxonomy taxonomy) {
        return coverage(o, skills, taxonomy, 0);
    }

    /**
     * As {@link #coverage(int, int[], Taxonomy)}, and a skill outside the profile that is related to one of its skills
     * counts {@code relatedCredit} of that skill's weight (a seeker's "Welding" for the welder's ESCO welding skills);
     * never more than the whole profile. One more binary search per skill outside the profile.
     */
    double coverage(int o, int[] skills, Taxonomy taxonomy, double relatedCredit) {
        if (o < 0 || o >= occupations.length) {
            return 0;
        }
        double evidence = 0;
        double related = 0;
        for (int s : skills) {
            if (java.util.Arrays.binarySearch(essential[o], s) >= 0) {
                evidence += taxonomy.skillWeight(s);
            } else if (java.util.Arrays.binarySearch(optional[o], s) >= 0) {
                evidence += OPTIONAL * taxonomy.skillWeight(s);
            } else if (relatedCredit > 0) {
                int at = java.util.Arrays.binarySearch(relatedOf[o], s);
                if (at >= 0) {
                    related += relatedCredit * relatedWeight[o][at];
                }
            }
        }
        return Math.min(evidence + related, profileWeight[o]) / (profileWeight[o] + PRIOR);
    }

    /** Per thread: the evidence of every occupation, and which ones a call touched (reset after each call). */
    private final ThreadLocal<double[]> evidence;
    private final ThreadLocal<int[]> touched;

    /** The {@code limit} most likely ISCO unit groups for these skills, best first, confidence above {@code min}. */
    List<InferredOccupation> infer(int[] skills, Taxonomy taxonomy, int limit, double min) {
        if (occupations.length == 0 || skills.length == 0) {
            return List.of();
        }
        // dense accumulation (a seeker event is translated ~15,000 times a second on a rebuild): no boxing, no map
        double[] acc = evidence.get();
        int[] seen = touched.get();
        int count = 0;
        for (int s : skills) {
            int[] links = s >= 0 && s < bySkill.length ? bySkill[s] : null;
            if (links == null) {
                continue;
            }
            double w = taxonomy.skillWeight(s);
            for (int link : links) {
                int o = link >>> 1;
                if (acc[o] == 0) {
                    seen[count++] = o;
                }
                acc[o] += (link & 1) == 1 ? w : OPTIONAL * w;
            }
        }
        int kept = 0;
        long[] candidates = new long[Math.min(count, 64)];
        double[] confidences = new double[candidates.length];
        for (int i = 0; i < count; i++) {
            int o = seen[i];
            double confidence = acc[o] / (profileWeight[o] + PRIOR);
            acc[o] = 0;
            if (confidence < min) {
                continue;
            }
            // keep the best 64 occupations by confidence (ties: the lower position): enough groups for any limit used
            int at;
            if (kept < candidates.length) {
                at = kept++;
            } else if (better(confidence, o, confidences[kept - 1], candidates[kept - 1])) {
                at = kept - 1;
            } else {
                continue;
            }
            candidates[at] = o;
            confidences[at] = confidence;
            while (at > 0 && better(confidences[at], candidates[at], confidences[at - 1], candidates[at - 1])) {
                swap(candidates, confidences, at, at - 1);
                at--;
            }
        }
        List<InferredOccupation> ranked = new ArrayList<>(limit);
        for (int i = 0; i < kept && ranked.size() < limit; i++) {
            Occupation occupation = occupations[(int) candidates[i]];
            if (ranked.stream().noneMatch(r -> r.occupation().isco() == occupation.isco())) {
                ranked.add(new InferredOccupation(occupation, confidences[i]));
            }
        }
        return ranked;
    }

    /** Whether (c1, o1) ranks before (c2, o2): more confident first, then the lower position. */
    private static boolean better(double c1, long o1, double c2, long o2) {
        return c1 > c2 || c1 == c2 && o1 < o2;
    }

    private static void swap(long[] ids, double[] values, int i, int j) {
        long id = ids[i];
        ids[i] = ids[j];
        ids[j] = id;
        double value = values[i];
        values[i] = values[j];
        values[j] = value;
    }
}
