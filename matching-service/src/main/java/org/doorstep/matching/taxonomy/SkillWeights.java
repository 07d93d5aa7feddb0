package org.doorstep.matching.taxonomy;

/**
 * How much sharing a skill says about a fit: its specificity. Two signals, both from the taxonomy so
 * that a score means the same for every posting and does not drift as the indexed population changes
 * (a drifting weight would also re-emit matches whose inputs did not change):
 * <ul>
 * <li>inverse document frequency over ESCO's occupations: {@code ln((N + 1) / (df + 1))}, where df is the
 * number of occupations that list the skill as essential or optional, scaled to [0, 1] by the largest;</li>
 * <li>ESCO's reuse level, as a factor ({@link Reuse}).</li>
 * </ul>
 * weight = factor(reuse) x (0.5 + 0.5 x idf): a transversal skill (at most 0.25) always weighs less than
 * an occupation-specific one (at least 0.5). A skill no occupation lists (built-in only, free labels)
 * gets the median idf of the listed ones.
 */
final class SkillWeights {

    private SkillWeights() {
    }

    static float[] of(SkillConcept[] skills, int count, int[] documentFrequency, int occupations) {
        double max = Math.log(occupations + 1.0);
        double[] idf = new double[count];
        java.util.List<Double> listed = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            int df = i < documentFrequency.length ? documentFrequency[i] : 0;
            if (df > 0) {
                idf[i] = Math.log((occupations + 1.0) / (df + 1.0)) / max;
                listed.add(idf[i]);
            } else {
                idf[i] = Double.NaN;
            }
        }
        double median = listed.isEmpty() ? 0.5 : listed.stream().sorted().toList().get(listed.size() / 2);
        float[] weights = new float[count];
        for (int i = 0; i < count; i++) {
            double s = Double.isNaN(idf[i]) ? median : idf[i];
            weights[i] = (float) (skills[i].reuse().factor() * (0.5 + 0.5 * s));
        }
        return weights;
    }

    /** The weight of a concept the taxonomy did not know when it was built (a free label). */
    static float unknown() {
        return (float) (Reuse.UNKNOWN.factor() * 0.75);
    }
}
