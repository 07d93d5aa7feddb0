package org.doorstep.matching.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The best {@code k} slots by score (ties: lower slot first, so results are stable). */
final class TopK {

    private final int k;
    private final PriorityQueue<long[]> heap;

    TopK(int k) {
        this.k = k;
        // min-heap on score; entry = {slot, Double.doubleToLongBits(score)}
        this.heap = new PriorityQueue<>(Math.min(k, 1024) + 1, Comparator.<long[]>comparingDouble(e -> Double.longBitsToDouble(e[1]))
                .thenComparing(e -> -e[0]));
    }

    void offer(int slot, double score) {
        if (heap.size() < k) {
            heap.add(new long[] {slot, Double.doubleToLongBits(score)});
            return;
        }
        long[] worst = heap.peek();
        double worstScore = Double.longBitsToDouble(worst[1]);
        if (score > worstScore || (score == worstScore && slot < worst[0])) {
            heap.poll();
            heap.add(new long[] {slot, Double.doubleToLongBits(score)});
        }
    }

    /** Slots and scores, best first. */
    List<long[]> best() {
        List<long[]> out = new ArrayList<>(heap);
        out.sort(Comparator.<long[]>comparingDouble(e -> -Double.longBitsToDouble(e[1])).thenComparingLong(e -> e[0]));
        return out;
    }

    static double score(long[] entry) {
        return Double.longBitsToDouble(entry[1]);
    }
}
