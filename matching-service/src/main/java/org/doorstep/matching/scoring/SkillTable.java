package org.doorstep.matching.scoring;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * A posting's skills compiled for scoring it against many seekers: for every skill that counts (one
 * of the posting's, or related to one of them), which of the posting's skills it is and which it is
 * related to, as bit masks over the posting's skill positions (required first, then optional; a
 * posting has at most 50 skills). A seeker's credit is then one lookup per skill the seeker holds,
 * instead of a related-skill search per pair of skills.
 */
final class SkillTable {

    static final int MAX_SKILLS = Long.SIZE;

    private final int[] keys;
    private final long[] exact;
    private final long[] related;
    private final int mask;
    private final long requiredBits;
    private final long optionalBits;

    /** Null when the posting has more skills than the masks hold (the caller then scores pair by pair). */
    static SkillTable of(Posting posting, IntFunction<int[]> relatedSkillsOf) {
        int required = posting.requiredSkills().length;
        int total = posting.skillCount();
        if (total > MAX_SKILLS) {
            return null;
        }
        int[] skills = new int[total];
        System.arraycopy(posting.requiredSkills(), 0, skills, 0, required);
        System.arraycopy(posting.optionalSkills(), 0, skills, required, total - required);
        int[][] related = new int[total][];
        int entries = total;
        for (int i = 0; i < total; i++) {
            related[i] = relatedSkillsOf.apply(skills[i]);
            entries += related[i].length;
        }
        return new SkillTable(skills, required, related, entries);
    }

    private SkillTable(int[] skills, int required, int[][] relatedSkills, int entries) {
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
        requiredBits = required == 0 ? 0 : -1L >>> (Long.SIZE - required);
        optionalBits = (skills.length == 0 ? 0 : -1L >>> (Long.SIZE - skills.length)) & ~requiredBits;
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

    /** The credit of a seeker holding {@code held}: exactly held and related posting skills, by position. */
    Credit credit(int[] held) {
        long exactHeld = 0;
        long relatedHeld = 0;
        for (int h : held) {
            int i = find(h);
            if (i >= 0) {
                exactHeld |= exact[i];
                relatedHeld |= related[i];
            }
        }
        return new Credit(exactHeld, relatedHeld & ~exactHeld);
    }

    /** Exactly held and (only) related posting skills of one seeker. */
    record Credit(long exact, long related) {
    }

    long requiredBits() {
        return requiredBits;
    }

    long optionalBits() {
        return optionalBits;
    }
}
