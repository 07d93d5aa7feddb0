package org.doorstep.matching.scoring;

import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * A posting's skills compiled for scoring it against many seekers. Positions: required skills first,
 * then optional ones, then those found in its description (at most {@link #MAX_SKILLS}; postings-service
 * accepts 50 declared skills, description skills fill the rest). Each position has a weight: the skill's
 * specificity times 2 when required, 1 when optional, the extraction confidence when found in the text.
 * For every skill that counts (one of the posting's, or related to or broader than one of them) a small
 * hash table holds which positions it is and which it is related to, as bit masks; a seeker's evidence
 * is then one lookup per skill the seeker holds.
 */
final class SkillTable {

    static final int MAX_SKILLS = Long.SIZE;

    private final int[] skills;
    private final double[] weights;
    private final double totalWeight;
    private final int[] keys;
    private final long[] exact;
    private final long[] related;
    private final int mask;
    private final int required;
    private final int optional;
    private final double relatedCredit;

    static SkillTable of(Posting posting, IntFunction<int[]> relatedSkillsOf, IntToDoubleFunction weightOf,
                         double relatedCredit) {
        int total = Math.min(MAX_SKILLS, posting.skillCount());
        int[] skills = new int[total];
        double[] weights = new double[total];
        for (int i = 0; i < total; i++) {
            skills[i] = skillAt(posting, i);
            weights[i] = positionWeight(posting, i, weightOf);
        }
        int required = Math.min(total, posting.requiredSkills().length);
        int optional = Math.min(total - required, posting.optionalSkills().length);
        int[][] related = new int[total][];
        int entries = total;
        for (int i = 0; i < total; i++) {
            related[i] = relatedCredit > 0 ? relatedSkillsOf.apply(skills[i]) : new int[0];
            entries += related[i].length;
        }
        return new SkillTable(skills, weights, required, optional, related, entries, relatedCredit);
    }

    private SkillTable(int[] skills, double[] weights, int required, int optional, int[][] relatedSkills,
                       int entries, double relatedCredit) {
        this.skills = skills;
        this.weights = weights;
        this.required = required;
        this.optional = optional;
        this.relatedCredit = relatedCredit;
        double total = 0;
        for (double w : weights) {
            total += w; // in position order, as evidenceOf sums: both paths give the same bits of the result
        }
        this.totalWeight = total;
        int capacity = Integer.highestOneBit(Math.max(4, entries) * 2 - 1) << 1;
        keys = new int[capacity];
        Arrays.fill(keys, -1);
        exact = new long[capacity];
        related = new long[capacity];
        mask = capacity - 1;
        for (int i = 0; i < skills.length; i++) {
            exact[slot(skills[i])] |= 1L << i;
            for (int r : relatedSkills[i]) {
                related[slot(r)] |= 1L << i;
            }
        }
    }

    private int slot(int key) {
        int i = mix(key) & mask;
        while (keys[i] != -1 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        return i;
    }

    private int find(int key) {
        int i = mix(key) & mask;
        while (keys[i] != -1) {
            if (keys[i] == key) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    private static int mix(int key) {
        return key * 0x9E3779B9 >>> 7;
    }

    /**
     * The skill evidence of a seeker holding {@code held} (sorted ordinals) with these skill weights:
     * which posting positions they hold exactly or only through a related skill, the share of the
     * posting's weighted skills they cover, and the share of their own weighted skills the posting uses.
     */
    Evidence evidence(int[] held, IntToDoubleFunction weightOf) {
        long exactHeld = 0;
        long relatedHeld = 0;
        double seekerTotal = 0;
        double seekerUsed = 0;
        for (int h : held) {
            double w = weightOf.applyAsDouble(h);
            seekerTotal += w;
            int i = find(h);
            if (i >= 0) {
                exactHeld |= exact[i];
                relatedHeld |= related[i];
                if (exact[i] != 0) {
                    seekerUsed += w;
                } else if (related[i] != 0) {
                    seekerUsed += relatedCredit * w;
                }
            }
        }
        relatedHeld &= ~exactHeld;
        double covered = sum(exactHeld) + relatedCredit * sum(relatedHeld);
        return new Evidence(exactHeld, relatedHeld, totalWeight > 0 ? covered / totalWeight : 0,
                seekerTotal > 0 ? seekerUsed / seekerTotal : 0);
    }

    /**
     * The same evidence as {@link #evidence}, computed pair by pair without building a table (for one
     * seeker against many postings, where each posting is met once). Relations are symmetric, so the
     * posting positions a held skill is related to are the positions of the skills related to it.
     */
    static Evidence evidenceOf(Posting posting, int[] held, IntFunction<int[]> relatedSkillsOf,
                               IntToDoubleFunction weightOf, double relatedCredit) {
        long exactHeld = 0;
        long relatedHeld = 0;
        double seekerTotal = 0;
        double seekerUsed = 0;
        for (int h : held) {
            double w = weightOf.applyAsDouble(h);
            seekerTotal += w;
            long exact = positions(posting, h);
            long related = 0;
            if (relatedCredit > 0) {
                for (int r : relatedSkillsOf.apply(h)) {
                    related |= positions(posting, r);
                }
            }
            exactHeld |= exact;
            relatedHeld |= related;
            if (exact != 0) {
                seekerUsed += w;
            } else if (related != 0) {
                seekerUsed += relatedCredit * w;
            }
        }
        relatedHeld &= ~exactHeld;
        double total = 0;
        double covered = 0;
        double relatedSum = 0;
        int n = Math.min(MAX_SKILLS, posting.skillCount());
        for (int i = 0; i < n; i++) {
            double pw = positionWeight(posting, i, weightOf);
            total += pw;
        }
        for (long bits = exactHeld; bits != 0; bits &= bits - 1) {
            covered += positionWeight(posting, Long.numberOfTrailingZeros(bits), weightOf);
        }
        for (long bits = relatedHeld; bits != 0; bits &= bits - 1) {
            relatedSum += positionWeight(posting, Long.numberOfTrailingZeros(bits), weightOf);
        }
        covered += relatedCredit * relatedSum;
        return new Evidence(exactHeld, relatedHeld, total > 0 ? covered / total : 0,
                seekerTotal > 0 ? seekerUsed / seekerTotal : 0);
    }

    /** The positions (as bits) skill {@code s} holds in the posting: required, optional, then described. */
    private static long positions(Posting p, int s) {
        long bits = 0;
        int offset = 0;
        for (int[] part : new int[][] {p.requiredSkills(), p.optionalSkills(), p.extractedSkills()}) {
            int at = java.util.Arrays.binarySearch(part, s);
            if (at >= 0 && offset + at < MAX_SKILLS) {
                bits |= 1L << (offset + at);
            }
            offset += part.length;
        }
        return bits;
    }

    /** The skill at a position: required skills first, then optional ones, then those of the description. */
    private static int skillAt(Posting p, int i) {
        int required = p.requiredSkills().length;
        int optional = p.optionalSkills().length;
        return i < required ? p.requiredSkills()[i]
                : i < required + optional ? p.optionalSkills()[i - required]
                : p.extractedSkills()[i - required - optional];
    }

    /** A position's weight: the skill's specificity, times 2 when required, times the confidence when described. */
    private static double positionWeight(Posting p, int i, IntToDoubleFunction weightOf) {
        int required = p.requiredSkills().length;
        int optional = p.optionalSkills().length;
        double specificity = weightOf.applyAsDouble(skillAt(p, i));
        return i < required ? 2 * specificity
                : i < required + optional ? specificity
                : p.extractedWeights()[i - required - optional] * specificity;
    }

    private double sum(long bits) {
        double sum = 0;
        while (bits != 0) {
            sum += weights[Long.numberOfTrailingZeros(bits)];
            bits &= bits - 1;
        }
        return sum;
    }

    /** Held exactly, held only through a related skill (positions), and the coverage both ways. */
    record Evidence(long exact, long related, double postingCoverage, double seekerCoverage) {
    }

    int size() {
        return skills.length;
    }

    int skill(int position) {
        return skills[position];
    }

    boolean isRequired(int position) {
        return position < required;
    }

    boolean isOptional(int position) {
        return position >= required && position < required + optional;
    }

    int requiredCount() {
        return required;
    }

    int optionalCount() {
        return optional;
    }

    double totalWeight() {
        return totalWeight;
    }
}
