package org.doorstep.matching.taxonomy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A discriminative model of title to occupation: a linear softmax over sparse features of a title (its
 * stemmed words, adjacent word pairs, character n-grams of its words), trained by stochastic gradient
 * descent on the known titles (preferred labels and alternative titles) with their occupations as classes.
 * Unlike the matcher's TF-IDF, a feature's weight per occupation is learned from which occupations it
 * separates. A (feature, occupation) pair has a weight only when the feature occurs in one of that
 * occupation's titles; an occupation that shares no feature with a title has logit 0. Built single-threaded
 * (add, then train); {@link #scores} is thread-safe afterwards.
 */
final class TitleClassifier {

    /** Character n-grams of each word (with boundary marks) from MIN_GRAM to MAX_GRAM characters. */
    static final int MIN_GRAM = 3;
    static final int MAX_GRAM = 5;

    private final int classes;
    private final int minGram;
    private final int maxGram;
    private final Map<String, Integer> featureId = new HashMap<>();
    private final List<int[]> examples = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private int[][] featureClasses = new int[0][];
    private float[][] featureWeights = new float[0][];

    TitleClassifier(int classes) {
        this(classes, MIN_GRAM, MAX_GRAM);
    }

    /** Character n-grams from minGram to maxGram characters (none when maxGram is 0). */
    TitleClassifier(int classes, int minGram, int maxGram) {
        this.classes = classes;
        this.minGram = minGram;
        this.maxGram = maxGram;
    }

    /** A known (normalised) title of occupation {@code label} (0 to classes - 1). */
    void add(String normalisedTitle, int label) {
        List<String> features = features(normalisedTitle);
        if (features.isEmpty()) {
            return;
        }
        int[] ids = features.stream().mapToInt(f -> featureId.computeIfAbsent(f, k -> featureId.size())).distinct().toArray();
        examples.add(ids);
        labels.add(label);
    }

    /**
     * Fits the weights: {@code epochs} passes in a fixed pseudo-random order, learning rate falling linearly
     * from {@code rate} to 0 (as fastText does), L2 shrinkage {@code l2} per update; features of more than
     * {@code maxShare} of the occupations are left out.
     */
    void train(int epochs, double rate, double l2, double maxShare, long seed) {
        int nf = featureId.size();
        List<java.util.Set<Integer>> support = new ArrayList<>(nf);
        for (int f = 0; f < nf; f++) {
            support.add(new java.util.TreeSet<>());
        }
        for (int e = 0; e < examples.size(); e++) {
            for (int f : examples.get(e)) {
                support.get(f).add(labels.get(e));
            }
        }
        featureClasses = new int[nf][];
        featureWeights = new float[nf][];
        for (int f = 0; f < nf; f++) {
            // a feature of many occupations ("<op", "or>") costs the most and separates the least
            featureClasses[f] = support.get(f).size() > maxShare * classes ? new int[0]
                    : support.get(f).stream().mapToInt(Integer::intValue).toArray();
            featureWeights[f] = new float[featureClasses[f].length];
        }
        int n = examples.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        double[] logit = new double[classes];
        boolean[] touched = new boolean[classes];
        int[] touchedList = new int[classes];
        long steps = (long) epochs * n;
        long step = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int i = 0; i < n; i++) {
                int e = order[i];
                int[] fs = examples.get(e);
                int y = labels.get(e);
                double x = 1 / Math.sqrt(fs.length);
                int nt = logits(fs, x, logit, touched, touchedList);
                softmax(logit, touchedList, nt);
                double lr = rate * (1 - (double) step++ / steps);
                for (int f : fs) {
                    int[] cs = featureClasses[f];
                    float[] ws = featureWeights[f];
                    for (int k = 0; k < cs.length; k++) {
                        int c = cs[k];
                        double grad = x * (logit[c] - (c == y ? 1 : 0)) + l2 * ws[k];
                        ws[k] -= (float) (lr * grad);
                    }
                }
                for (int k = 0; k < nt; k++) {
                    logit[touchedList[k]] = 0;
                    touched[touchedList[k]] = false;
                }
            }
        }
        examples.clear();
        labels.clear();
    }

    /** Replaces the touched logits by their probabilities (the untouched classes' logit is 0). */
    private void softmax(double[] logit, int[] touchedList, int nt) {
        double max = 0;
        for (int k = 0; k < nt; k++) {
            max = Math.max(max, logit[touchedList[k]]);
        }
        double sum = (classes - nt) * Math.exp(-max);
        for (int k = 0; k < nt; k++) {
            sum += Math.exp(logit[touchedList[k]] - max);
        }
        for (int k = 0; k < nt; k++) {
            logit[touchedList[k]] = Math.exp(logit[touchedList[k]] - max) / sum;
        }
    }

    private int logits(int[] fs, double x, double[] logit, boolean[] touched, int[] touchedList) {
        int nt = 0;
        for (int f : fs) {
            int[] cs = featureClasses[f];
            float[] ws = featureWeights[f];
            for (int k = 0; k < cs.length; k++) {
                int c = cs[k];
                if (!touched[c]) {
                    touched[c] = true;
                    touchedList[nt++] = c;
                }
                logit[c] += x * ws[k];
            }
        }
        return nt;
    }

    /** The probability of each occupation that shares a feature with the title (others share the rest). */
    Map<Integer, Double> scores(String normalisedTitle) {
        int[] fs = features(normalisedTitle).stream().map(featureId::get).filter(java.util.Objects::nonNull)
                .mapToInt(Integer::intValue).distinct().toArray();
        Map<Integer, Double> out = new HashMap<>();
        if (fs.length == 0) {
            return out;
        }
        double x = 1 / Math.sqrt(fs.length);
        for (int f : fs) {
            int[] cs = featureClasses[f];
            float[] ws = featureWeights[f];
            for (int k = 0; k < cs.length; k++) {
                out.merge(cs[k], x * ws[k], Double::sum);
            }
        }
        double max = Math.max(0, out.values().stream().mapToDouble(Double::doubleValue).max().orElse(0));
        double sum = (classes - out.size()) * Math.exp(-max);
        for (double v : out.values()) {
            sum += Math.exp(v - max);
        }
        double total = sum;
        out.replaceAll((c, v) -> Math.exp(v - max) / total);
        return out;
    }

    int featureCount() {
        return featureId.size();
    }

    long weightCount() {
        return Arrays.stream(featureClasses).mapToLong(a -> a.length).sum();
    }

    /** Stemmed words, adjacent word pairs and character n-grams of the words, each marked by its kind. */
    List<String> features(String normalisedTitle) {
        String[] terms = TitleMatcher.analyse(TitleMatcher.tokens(normalisedTitle), Set.of()).terms();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            out.add("w " + terms[i]);
            if (i > 0) {
                out.add("b " + terms[i - 1] + " " + terms[i]);
            }
        }
        for (String word : normalisedTitle.split(" ")) {
            String w = "<" + word + ">";
            for (int n = minGram; n <= maxGram; n++) {
                for (int i = 0; i + n <= w.length(); i++) {
                    out.add("g " + w.substring(i, i + n));
                }
            }
        }
        return out;
    }
}
