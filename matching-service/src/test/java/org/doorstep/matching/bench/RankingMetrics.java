package org.doorstep.matching.bench;

/**
 * Ranking metrics with binary relevance, for the match-quality benchmark. A ranking is given as the
 * relevance of its items in rank order ({@code true} = relevant); it may be shorter than {@code k} (a ranker
 * that returns fewer than k items is not rewarded for it: the missing places count as not relevant).
 */
final class RankingMetrics {

    private RankingMetrics() {
    }

    /** Relevant items among the first {@code k}, divided by {@code k} (not by the length of the ranking). */
    static double precisionAt(boolean[] ranking, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive: " + k);
        }
        int hits = 0;
        for (int i = 0; i < Math.min(k, ranking.length); i++) {
            if (ranking[i]) {
                hits++;
            }
        }
        return hits / (double) k;
    }

    /** DCG of the first {@code k} places: the sum of 1 / log2(rank + 1) over the relevant ones (rank from 1). */
    static double dcgAt(boolean[] ranking, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranking.length); i++) {
            if (ranking[i]) {
                dcg += 1 / log2(i + 2);
            }
        }
        return dcg;
    }

    /** The best DCG@k possible when {@code relevantAvailable} relevant items exist: all of them first, at most k. */
    static double idealDcgAt(int relevantAvailable, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, relevantAvailable); i++) {
            dcg += 1 / log2(i + 2);
        }
        return dcg;
    }

    /**
     * NDCG@k: DCG@k over the ideal DCG@k for {@code relevantAvailable} relevant items in the whole collection
     * (not only those the ranker returned); 0 when nothing relevant exists.
     */
    static double ndcgAt(boolean[] ranking, int relevantAvailable, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive: " + k);
        }
        double ideal = idealDcgAt(relevantAvailable, k);
        return ideal == 0 ? 0 : dcgAt(ranking, k) / ideal;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** A running mean. */
    static final class Mean {

        private double sum;
        private int n;

        void add(double value) {
            sum += value;
            n++;
        }

        int count() {
            return n;
        }

        double mean() {
            return n == 0 ? Double.NaN : sum / n;
        }
    }
}
