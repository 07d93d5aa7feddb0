package org.doorstep.matching.taxonomy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.doorstep.matching.taxonomy.EscoTitles.Row;
import org.doorstep.matching.bench.TaxonomyQuality;

/**
 * Where the title matcher's weights were chosen: a validation fold of the training titles, never the
 * held-out 20% that {@code TaxonomyQuality} reports. The training titles (ESCO alternative titles outside
 * the held-out split) are split again by a second fixed hash: a fifth of them are the validation titles,
 * and the vocabulary is built from the preferred labels, the rest and the occupations' skills. Prints
 * accuracy@1 and @5 by concept and by ISCO unit group on that fold and a sample of the misses
 * ({@code -Dmisses=40}); with {@code -Dtune=true} it searches the feature weights by coordinate ascent on
 * the fold (objective: accuracy@1 + accuracy@5) and prints them. {@code -Dweights=1,0,...} evaluates
 * other weights.
 */
public final class TitleTuning {

    /** A validation title's candidates: feature rows, the true one's row (-1: not a candidate), a fixed rank. */
    record Candidates(float[][] rows, int[] keyOrder, int truth, int offset, int fixedRank) {
    }

    public static void main(String[] args) {
        EscoTitles esco = EscoTitles.load();
        List<Row> rows = esco.rows();
        Map<Occupation, List<List<String>>> skills = esco.skills();

        double[] weights = weights(System.getProperty("weights"));
        TitleMatcher matcher = new TitleMatcher(weights);
        List<Occupation> truths = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (Row row : rows) {
            matcher.add(LabelNormaliser.normalise(row.occupation().label()), row.occupation());
        }
        for (Row row : rows) {
            for (String alias : row.aliases()) {
                if (TaxonomyQuality.heldOut(row.occupation().key(), alias)) {
                    continue;
                }
                if (validation(row.occupation().key(), alias)) {
                    truths.add(row.occupation());
                    titles.add(alias);
                } else {
                    matcher.add(LabelNormaliser.normalise(alias), row.occupation());
                }
            }
        }
        skills.forEach((o, lists) -> matcher.skills(o, lists.get(0), lists.get(1)));
        matcher.seal();
        print("validation fold (a fifth of the training titles), weights %s:", Arrays.toString(weights));
        report(matcher, titles, truths, Integer.getInteger("misses", 0));
        if (System.getProperty("dump") != null) {
            dump(matcher, titles, truths, System.getProperty("dump"));
        }
        if (Boolean.getBoolean("tune")) {
            List<Candidates> cached = new ArrayList<>();
            for (int i = 0; i < titles.size(); i++) {
                cached.add(candidates(matcher, LabelNormaliser.normalise(titles.get(i)), truths.get(i)));
            }
            double[] best = tune(cached, weights);
            print("tuned weights: %s", Arrays.toString(best));
            report(new TitleMatcherView(matcher, best), titles, truths, 0);
        }
    }

    private static double[] weights(String given) {
        if (given == null) {
            return TitleMatcher.WEIGHTS.clone();
        }
        double[] w = Arrays.stream(given.split(",")).mapToDouble(Double::parseDouble).toArray();
        return Arrays.copyOf(w, TitleMatcher.FEATURES);
    }

    /** The validation titles: a fifth of the training ones, by a hash independent of the held-out split's. */
    static boolean validation(String uri, String title) {
        return !TaxonomyQuality.heldOut(uri, title) && TaxonomyQuality.heldOut("validation|" + uri, title);
    }

    /** Ranks with other weights than the matcher was built with (from the cached features). */
    record TitleMatcherView(TitleMatcher matcher, double[] weights) {
    }

    private static void report(Object ranker, List<String> titles, List<Occupation> truths, int misses) {
        int at1 = 0;
        int at5 = 0;
        int isco1 = 0;
        int isco5 = 0;
        int shown = 0;
        for (int c = 0; c < titles.size(); c++) {
            String title = LabelNormaliser.normalise(titles.get(c));
            List<Occupation> ranked = ranker instanceof TitleMatcherView view ? rank(view, title) : ((TitleMatcher) ranker).rank(title, 5);
            Occupation truth = truths.get(c);
            int rank = ranked.indexOf(truth);
            at1 += rank == 0 ? 1 : 0;
            at5 += rank >= 0 ? 1 : 0;
            for (int i = 0; i < ranked.size(); i++) {
                if (ranked.get(i).isco() == truth.isco()) {
                    isco1 += i == 0 ? 1 : 0;
                    isco5++;
                    break;
                }
            }
            if (rank != 0 && shown < misses) {
                shown++;
                print("  miss (rank %d) '%s' of '%s': %s", rank + 1, titles.get(c), truth.label(),
                        ranked.stream().limit(3).map(Occupation::label).toList());
            }
        }
        int n = titles.size();
        print("  %,d titles; by concept @1 %.1f%% @5 %.1f%%; by ISCO unit group @1 %.1f%% @5 %.1f%%", n,
                100.0 * at1 / n, 100.0 * at5 / n, 100.0 * isco1 / n, 100.0 * isco5 / n);
    }

    private static List<Occupation> rank(TitleMatcherView view, String title) {
        List<Occupation> out = new ArrayList<>(view.matcher().aliasOwners(title));
        Map<Occupation, double[]> rows = view.matcher().featureRows(title);
        List<Map.Entry<Occupation, Double>> scored = new ArrayList<>();
        rows.forEach((o, row) -> {
            double score = 0;
            for (int f = 0; f < row.length; f++) {
                score += view.weights()[f] * row[f];
            }
            if (score > 0 && !out.contains(o)) {
                scored.add(Map.entry(o, score));
            }
        });
        scored.sort(Map.Entry.<Occupation, Double>comparingByValue().reversed()
                .thenComparing(e -> e.getKey().key()));
        scored.stream().limit(5).forEach(e -> out.add(e.getKey()));
        return out.subList(0, Math.min(5, out.size()));
    }

    private static Candidates candidates(TitleMatcher matcher, String title, Occupation truth) {
        List<Occupation> owners = matcher.aliasOwners(title);
        if (owners.contains(truth)) {
            return new Candidates(new float[0][], new int[0], -1, 0, owners.indexOf(truth));
        }
        Map<Occupation, double[]> rows = matcher.featureRows(title);
        owners.forEach(rows::remove);
        List<Occupation> keys = new ArrayList<>(rows.keySet());
        keys.sort((a, b) -> a.key().compareTo(b.key()));
        float[][] out = new float[keys.size()][];
        int[] order = new int[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            double[] row = rows.get(keys.get(i));
            out[i] = new float[row.length];
            for (int f = 0; f < row.length; f++) {
                out[i][f] = (float) row[f];
            }
            order[i] = i;
        }
        return new Candidates(out, order, keys.indexOf(truth), owners.size(), -1);
    }

    /** Every validation title's candidates with their features, for modelling outside (one line per candidate). */
    private static void dump(TitleMatcher matcher, List<String> titles, List<Occupation> truths, String file) {
        try (var out = new java.io.PrintWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
            for (int i = 0; i < titles.size(); i++) {
                Candidates c = candidates(matcher, LabelNormaliser.normalise(titles.get(i)), truths.get(i));
                out.println("Q\t" + i + "\t" + c.fixedRank() + "\t" + c.offset() + "\t" + c.truth() + "\t"
                        + titles.get(i).replace('\t', ' ') + "\t" + truths.get(i).key());
                double[] w = TitleMatcher.WEIGHTS;
                Integer[] order = new Integer[c.rows().length];
                for (int k = 0; k < order.length; k++) {
                    order[k] = k;
                }
                Arrays.sort(order, (x, y) -> Double.compare(score(c.rows()[y], w), score(c.rows()[x], w)));
                for (int r = 0; r < order.length; r++) {
                    int k = order[r];
                    if (r >= 100 && k != c.truth()) {
                        continue;
                    }
                    StringBuilder line = new StringBuilder(k == c.truth() ? "1" : "0");
                    line.append('\t').append(k);
                    for (float v : c.rows()[k]) {
                        line.append('\t').append(v);
                    }
                    out.println(line);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Accuracy@1 and @5 of weights over the cached candidates. */
    static double[] accuracy(List<Candidates> cached, double[] w) {
        int at1 = 0;
        int at5 = 0;
        for (Candidates c : cached) {
            int rank;
            if (c.fixedRank() >= 0) {
                rank = c.fixedRank();
            } else if (c.truth() < 0) {
                continue;
            } else {
                double truthScore = score(c.rows()[c.truth()], w);
                if (truthScore <= 0) {
                    continue;
                }
                rank = c.offset();
                for (int i = 0; i < c.rows().length && rank < 5; i++) {
                    double s = score(c.rows()[i], w);
                    if (s > truthScore || s == truthScore && i < c.truth()) {
                        rank++;
                    }
                }
            }
            at1 += rank == 0 ? 1 : 0;
            at5 += rank < 5 ? 1 : 0;
        }
        return new double[] {(double) at1 / cached.size(), (double) at5 / cached.size()};
    }

    private static double score(float[] row, double[] w) {
        double s = 0;
        for (int f = 0; f < row.length; f++) {
            s += w[f] * row[f];
        }
        return s;
    }

    /** Coordinate ascent on accuracy@1 + accuracy@5, F_BEST's weight fixed at 1 (only ratios matter). */
    static double[] tune(List<Candidates> cached, double[] start) {
        return tune(cached, start, 1, new double[] {0.02, 0.05, 0.1, 0.2, 0.4}, 6);
    }

    /** The same from feature {@code firstFeature} on (those before it keep their weights), with these steps. */
    static double[] tune(List<Candidates> cached, double[] start, int firstFeature, double[] steps, int rounds) {
        double[] w = start.clone();
        double[] acc = accuracy(cached, w);
        double best = acc[0] + acc[1];
        print("  start: @1 %.2f%% @5 %.2f%%", 100 * acc[0], 100 * acc[1]);
        for (int round = 0; round < rounds; round++) {
            boolean improved = false;
            for (int f = firstFeature; f < w.length; f++) {
                double keep = w[f];
                double bestValue = keep;
                for (double step : steps) {
                    for (double value : new double[] {keep + step, keep - step, 0}) {
                        w[f] = value;
                        double[] a = accuracy(cached, w);
                        if (a[0] + a[1] > best + 1e-9) {
                            best = a[0] + a[1];
                            bestValue = value;
                            acc = a;
                        }
                    }
                }
                w[f] = bestValue;
                if (bestValue != keep) {
                    improved = true;
                    print("  round %d: feature %d -> %.3f: @1 %.2f%% @5 %.2f%%", round, f, bestValue, 100 * acc[0], 100 * acc[1]);
                }
            }
            if (!improved) {
                break;
            }
        }
        return w;
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    private TitleTuning() {
    }
}
