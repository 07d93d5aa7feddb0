package org.doorstep.matching.taxonomy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.doorstep.matching.taxonomy.EscoTitles.Row;
import org.doorstep.matching.bench.TaxonomyQuality;

/**
 * Offline experiment (issue 11): the discriminative {@link TitleClassifier} next to the title matcher's lexical
 * features, and the ceiling of title accuracy. {@code -Dfold=validation} (default) builds the vocabulary like
 * {@code TitleTuning} (queries: its validation fold); {@code -Dfold=heldout} like {@code TaxonomyQuality}
 * (queries: the held-out 20%), where only fixed weights are evaluated ({@code -Dweights=...}, the lexical
 * weights then the classifier's). Prints, per fold: how many titles cannot be right at @1 whatever the
 * ranking (exact alias of another occupation only), how many are dominated lexically, accuracy of the lexical
 * ranking, of the classifier alone and of both; {@code -Dtune=true} searches the combined weights by
 * coordinate ascent (validation fold only). Classifier settings: {@code -Dconfigs=epochs,rate,l2,minGram,maxGram,maxShare;...}.
 */
public final class TitleClassifierExperiment {

    public static void main(String[] args) {
        String fold = System.getProperty("fold", "validation");
        boolean validationFold = fold.equals("validation");
        EscoTitles esco = EscoTitles.load();
        List<Row> rows = esco.rows();
        Map<Occupation, List<List<String>>> skills = esco.skills();

        TitleMatcher matcher = new TitleMatcher(TitleMatcher.WEIGHTS);
        List<Occupation> occs = rows.stream().map(Row::occupation).toList();
        Map<Occupation, Integer> occIndex = new HashMap<>();
        for (int i = 0; i < occs.size(); i++) {
            occIndex.put(occs.get(i), i);
        }
        List<String> trainTitles = new ArrayList<>();
        List<Integer> trainLabels = new ArrayList<>();
        List<Occupation> truths = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (Row row : rows) {
            String label = LabelNormaliser.normalise(row.occupation().label());
            matcher.add(label, row.occupation());
            trainTitles.add(label);
            trainLabels.add(occIndex.get(row.occupation()));
        }
        for (Row row : rows) {
            for (String alias : row.aliases()) {
                boolean held = TaxonomyQuality.heldOut(row.occupation().key(), alias);
                boolean query = validationFold ? TitleTuning.validation(row.occupation().key(), alias) : held;
                if (query) {
                    truths.add(row.occupation());
                    titles.add(alias);
                } else if (!held) {
                    String normalised = LabelNormaliser.normalise(alias);
                    matcher.add(normalised, row.occupation());
                    trainTitles.add(normalised);
                    trainLabels.add(occIndex.get(row.occupation()));
                }
            }
        }
        skills.forEach((o, lists) -> matcher.skills(o, lists.get(0), lists.get(1)));
        matcher.seal();
        for (String config : System.getProperty("configs", "10,2,0,3,5,1").split(";")) {
            String[] c = config.split(",");
            evaluate(matcher, occs, occIndex, trainTitles, trainLabels, titles, truths, fold, Integer.parseInt(c[0]),
                    Double.parseDouble(c[1]), Double.parseDouble(c[2]), Integer.parseInt(c[3]), Integer.parseInt(c[4]), Double.parseDouble(c[5]));
        }
    }

    private static void evaluate(TitleMatcher matcher, List<Occupation> occs, Map<Occupation, Integer> occIndex,
            List<String> trainTitles, List<Integer> trainLabels, List<String> titles, List<Occupation> truths, String fold,
            int epochs, double rate, double l2, int minGram, int maxGram, double maxShare) {
        boolean validationFold = fold.equals("validation");
        TitleClassifier classifier = new TitleClassifier(occs.size(), minGram, maxGram);
        for (int i = 0; i < trainTitles.size(); i++) {
            classifier.add(trainTitles.get(i), trainLabels.get(i));
        }
        long t0 = System.nanoTime();
        classifier.train(epochs, rate, l2, maxShare, 20261203L);
        print("%s fold: %,d titles; classifier %d epochs, rate %.2f, l2 %.0e, grams %d-%d, max share %.2f: %,d features, %,d weights, trained in %.1f s",
                fold, titles.size(), epochs, rate, l2, minGram, maxGram, maxShare, classifier.featureCount(), classifier.weightCount(),
                (System.nanoTime() - t0) / 1e9);

        int n = titles.size();
        int exactTruth = 0;
        int exactShared = 0;
        int exactOther = 0;
        int noCandidate = 0;
        int dominated = 0;
        int tied = 0;
        List<TitleTuning.Candidates> cached = new ArrayList<>();
        long classifierNanos = 0;
        for (int i = 0; i < n; i++) {
            String title = LabelNormaliser.normalise(titles.get(i));
            Occupation truth = truths.get(i);
            List<Occupation> owners = matcher.aliasOwners(title);
            if (owners.contains(truth)) {
                exactTruth++;
                exactShared += owners.size() > 1 ? 1 : 0;
                cached.add(new TitleTuning.Candidates(new float[0][], new int[0], -1, 0, owners.indexOf(truth)));
                continue;
            }
            exactOther += owners.isEmpty() ? 0 : 1;
            Map<Occupation, double[]> lexical = matcher.featureRows(title);
            long c0 = System.nanoTime();
            Map<Integer, Double> probs = classifier.scores(title);
            classifierNanos += System.nanoTime() - c0;
            TreeSet<Occupation> keys = new TreeSet<>((a, b) -> a.key().compareTo(b.key()));
            keys.addAll(lexical.keySet());
            probs.keySet().forEach(c -> keys.add(occs.get(c)));
            owners.forEach(keys::remove);
            if (!lexical.containsKey(truth)) {
                noCandidate++;
            } else if (owners.isEmpty()) {
                double truthBest = lexical.getOrDefault(truth, new double[TitleMatcher.FEATURES])[TitleMatcher.F_BEST];
                double other = 0;
                for (var e : lexical.entrySet()) {
                    if (!e.getKey().equals(truth)) {
                        other = Math.max(other, e.getValue()[TitleMatcher.F_BEST]);
                    }
                }
                dominated += other > truthBest + 0.1 ? 1 : 0;
                tied += Math.abs(other - truthBest) <= 0.1 && other > 0 ? 1 : 0;
            }
            List<Occupation> list = new ArrayList<>(keys);
            float[][] out = new float[list.size()][];
            for (int k = 0; k < list.size(); k++) {
                double[] lex = lexical.getOrDefault(list.get(k), new double[TitleMatcher.FEATURES]);
                out[k] = new float[TitleMatcher.FEATURES + 1];
                for (int f = 0; f < TitleMatcher.FEATURES; f++) {
                    out[k][f] = (float) lex[f];
                }
                out[k][TitleMatcher.FEATURES] = (float) (double) probs.getOrDefault(occIndex.get(list.get(k)), 0.0);
            }
            cached.add(new TitleTuning.Candidates(out, new int[0], list.indexOf(truth), owners.size(), -1));
        }
        print("  ceiling: %.1f%% exact aliases of the true occupation (%.1f%% of several, the true one included);"
                        + " %.1f%% exact aliases of other occupations only (never right @1: ceiling %.1f%% @1);"
                        + " %.1f%% the true occupation is no lexical candidate (shares no word, trigram or skill word)", 100.0 * exactTruth / n,
                100.0 * exactShared / n, 100.0 * exactOther / n, 100.0 - 100.0 * exactOther / n, 100.0 * noCandidate / n);
        print("  no exact alias: the true occupation's best alias overlaps the title by > 0.1 less than another's: %.1f%%;"
                + " within 0.1 of the best other: %.1f%%", 100.0 * dominated / n, 100.0 * tied / n);
        print("  classifier: %.0f us per title (scores only)", classifierNanos / 1e3 / Math.max(1, n - exactTruth));

        double[] lexicalOnly = Arrays.copyOf(TitleMatcher.WEIGHTS, TitleMatcher.FEATURES + 1);
        report("lexical, as shipped", cached, lexicalOnly);
        double[] alone = new double[TitleMatcher.FEATURES + 1];
        alone[TitleMatcher.FEATURES] = 1;
        report("classifier alone", cached, alone);
        String given = System.getProperty("weights");
        if (given != null) {
            for (String set : given.split(";")) {
                double[] w = Arrays.stream(set.split(",")).mapToDouble(Double::parseDouble).toArray();
                report("weights " + set, cached, Arrays.copyOf(w, TitleMatcher.FEATURES + 1));
            }
        }
        if (validationFold) {
            for (double w : new double[] {0.25, 0.5, 1, 2, 4}) {
                double[] combined = lexicalOnly.clone();
                combined[TitleMatcher.FEATURES] = w;
                report("lexical + classifier " + w, cached, combined);
            }
            if (Boolean.getBoolean("tune")) {
                double[] start = lexicalOnly.clone();
                start[TitleMatcher.FEATURES] = 1;
                double[] best = TitleTuning.tune(cached, start);
                report("tuned " + Arrays.toString(best), cached, best);
            }
        }
    }

    private static void report(String what, List<TitleTuning.Candidates> cached, double[] w) {
        double[] a = TitleTuning.accuracy(cached, w);
        print("  %s: @1 %.1f%% @5 %.1f%%", what, 100 * a[0], 100 * a[1]);
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    private TitleClassifierExperiment() {
    }
}
