package org.doorstep.matching.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The best {@code k} slots by score (ties: lower slot first, so results are stable): a binary min-heap
 * over two primitive arrays, the worst kept entry at the root, no allocation per offer.
 */
final class TopK {

    private final int k;
    private double[] scores;
    private int[] slots;
    private int size;

    TopK(int k) {
        this.k = k;
        int initial = Math.max(1, Math.min(k, 256));
        this.scores = new double[initial];
        this.slots = new int[initial];
    }

    void offer(int slot, double score) {
        if (size < k) {
            if (size == scores.length) {
                int grown = (int) Math.min(k, 2L * size);
                scores = Arrays.copyOf(scores, grown);
                slots = Arrays.copyOf(slots, grown);
            }
            int at = size++;
            while (at > 0) {
                int parent = (at - 1) >>> 1;
                if (!worse(score, slot, scores[parent], slots[parent])) {
                    break;
                }
                set(at, scores[parent], slots[parent]);
                at = parent;
            }
            set(at, score, slot);
            return;
        }
        if (k == 0 || !worse(scores[0], slots[0], score, slot)) {
            return;
        }
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && worse(scores[child + 1], slots[child + 1], scores[child], slots[child])) {
                child++;
            }
            if (!worse(scores[child], slots[child], score, slot)) {
                break;
            }
            set(at, scores[child], slots[child]);
            at = child;
        }
        set(at, score, slot);
    }

    private void set(int at, double score, int slot) {
        scores[at] = score;
        slots[at] = slot;
    }

    /** Whether (score a, slot a) ranks below (score b, slot b). */
    private static boolean worse(double scoreA, int slotA, double scoreB, int slotB) {
        return scoreA < scoreB || (scoreA == scoreB && slotA > slotB);
    }

    /** Slots and scores, best first: entry = {slot, Double.doubleToLongBits(score)}. */
    List<long[]> best() {
        List<long[]> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new long[] {slots[i], Double.doubleToLongBits(scores[i])});
        }
        out.sort(Comparator.<long[]>comparingDouble(e -> -Double.longBitsToDouble(e[1])).thenComparingLong(e -> e[0]));
        return out;
    }

    static double score(long[] entry) {
        return Double.longBitsToDouble(entry[1]);
    }
}
