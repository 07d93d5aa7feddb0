package org.doorstep.matching.scoring;

import java.util.Locale;

import org.doorstep.matching.taxonomy.IscoCode;

/**
 * What matching has learned from what people did with earlier matches (issue 16), as the scorer asks it: a seeker
 * who dismissed several postings of one occupation or one employer is shown fewer like them ({@link Aversion}); a
 * posting that seekers of an occupation applied to, or were hired through, ranks higher for seekers of that
 * occupation or a near one ({@link Appeal}). Both are bounded and both are told as reasons.
 */
public interface Learned {

    /** Nothing learned: the scores are those of the profiles and postings alone. */
    Learned NOTHING = new Learned() {
        @Override
        public Aversion aversion(String seekerId, Posting posting) {
            return null;
        }

        @Override
        public Appeal appeal(String postingId) {
            return null;
        }
    };

    /** Dismissals of the same kind it takes before postings like them are ranked lower. */
    int SEVERAL = 2;
    /** The share of the score taken per dismissal of the same kind beyond the first, and at most. */
    double AVERSION_STEP = 0.1;
    double AVERSION_MAX = 0.3;
    /** The part of the gap to 1 that the strongest appeal closes (like the key-group bonus). */
    double APPEAL_BONUS = 0.15;
    /** Applications of similar seekers that make an appeal half as strong as it can be (a hire counts 3). */
    double APPEAL_HALF = 2;

    /** What the seeker dismissed that is like this posting; null when nothing is. */
    Aversion aversion(String seekerId, Posting posting);

    /** Who applied to, or was hired through, this posting, by occupation; null when nobody. */
    Appeal appeal(String postingId);

    /**
     * How many postings of the posting's occupation (ISCO unit group) and of its employer the seeker dismissed.
     */
    record Aversion(int isco, int sameOccupation, String employer, int sameEmployer) {

        /** The share of the score taken: none below {@link #SEVERAL}, then {@link #AVERSION_STEP} each, up to the max. */
        public double penalty() {
            int n = Math.max(sameOccupation, sameEmployer);
            return n < SEVERAL ? 0 : Math.min(AVERSION_MAX, AVERSION_STEP * (n - 1));
        }

        String detail() {
            return sameOccupation >= sameEmployer
                    ? String.format(Locale.ROOT, "fewer like this: you dismissed %d jobs of this occupation (ISCO %d)",
                    sameOccupation, isco)
                    : String.format(Locale.ROOT, "fewer like this: you dismissed %d jobs of this employer", sameEmployer);
        }
    }

    /**
     * The occupations (ISCO unit groups) of the seekers who applied to the posting, each with its evidence (the
     * applicants' confidence in it, a hire counting {@code 3}), and how many applied and were hired.
     */
    record Appeal(int[] occupations, float[] evidence, int applied, int hired) {

        /** In [0, 1]: how near the seeker's occupations are to the applicants', times how much evidence there is. */
        public double strengthFor(Seeker seeker) {
            double best = 0;
            for (int g = 0; g < occupations.length; g++) {
                double sure = 1 - Math.pow(0.5, evidence[g] / APPEAL_HALF);
                for (int i = 0; i < seeker.occupations().length; i++) {
                    double similarity = IscoCode.similarity(occupations[g], seeker.occupations()[i]);
                    if (similarity >= 0.7) {
                        best = Math.max(best, similarity * seeker.occupationWeight(i) * sure);
                    }
                }
            }
            return best;
        }

        String detail() {
            return hired > 0
                    ? String.format(Locale.ROOT, "people with a background like yours applied to this job (%d applied, %d hired)",
                    applied, hired)
                    : String.format(Locale.ROOT, "people with a background like yours applied to this job (%d applied)", applied);
        }
    }
}
