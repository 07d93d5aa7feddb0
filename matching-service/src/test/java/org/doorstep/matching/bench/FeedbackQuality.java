package org.doorstep.matching.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.doorstep.matching.bench.MatchQuality.Extracted;
import org.doorstep.matching.bench.MatchQuality.Hit;
import org.doorstep.matching.bench.MatchQuality.Resume;
import org.doorstep.matching.bench.MatchQuality.SkillExtraction;
import org.doorstep.matching.bench.MatchQualityData.EscoPosting;
import org.doorstep.matching.bench.RankingMetrics.Mean;
import org.doorstep.matching.learning.FeedbackLearning;
import org.doorstep.matching.match.LedgerEntry;
import org.doorstep.matching.match.MatchId;
import org.doorstep.matching.scoring.Learned;
import org.doorstep.matching.scoring.Posting;
import org.doorstep.matching.scoring.Seeker;

/**
 * What learning from feedback does to the ranking (issue 16), on the match-quality benchmark's data
 * ({@link MatchQuality}: resumes of the development set as seekers, ESCO occupations as postings, relevance by the
 * resume's category). Feedback is simulated from the labels, as a person who knows what they want would give it:
 * <ol>
 * <li>The resumes are split in two halves by a seeded shuffle: the first half teaches, the second is measured.</li>
 * <li>Applications: each teaching seeker applies to every relevant posting in their first top 10 (the first one
 * ends in a hire). Measured: the second half's top 10 with what those applications taught, against the same ranking
 * with nothing learned.</li>
 * <li>Dismissals: each measured seeker dismisses every posting of their first top 10 that is not relevant. Measured:
 * their next top 10, dismissed postings left out in both (a dismissed pair never comes back), with and without the
 * dismissals learned ("fewer like them").</li>
 * </ol>
 * The learning is the service's own ({@link FeedbackLearning} behind {@link org.doorstep.matching.scoring.MatchScorer});
 * the pair's subject is what the ledger would keep of it. Precision@10 and NDCG@10, clean and noisy categories apart.
 * <p>
 * Run (after the test-classpath step of the README): {@code java -Xmx3g -cp
 * target/test-classes:target/classes:$(cat target/test-classpath.txt) org.doorstep.matching.bench.FeedbackQuality
 * [--seed S] [--per-category N]}.
 */
public final class FeedbackQuality {

    private static final int K = 10;
    private static final Instant NOW = MatchQualityDoorstep.NOW;

    private FeedbackQuality() {
    }

    public static void main(String[] args) throws IOException {
        long seed = 20261203L;
        int perCategory = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--per-category" -> perCategory = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: FeedbackQuality [--seed S] [--per-category N]");
                    System.exit(2);
                }
            }
        }
        Path folder = SharedData.require();
        MatchQualityData data = MatchQualityData.load(folder, perCategory, 20261202L);
        Map<String, Integer> iscoByPosting = new HashMap<>();
        for (EscoPosting p : data.postings()) {
            iscoByPosting.put(p.uri(), p.isco());
        }
        Map<String, Extracted> cache = new HashMap<>();
        SkillExtraction extraction0 = MatchQualityDoorstep.extraction(folder);
        SkillExtraction extraction = text -> cache.computeIfAbsent(text, extraction0::extract);

        FeedbackLearning learning = new FeedbackLearning();
        MatchQualityDoorstep.Doorstep plain = MatchQualityDoorstep.ranker(data.postings(), extraction, Learned.NOTHING);
        MatchQualityDoorstep.Doorstep learned = MatchQualityDoorstep.ranker(data.postings(), extraction, learning);

        List<Resume> shuffled = new ArrayList<>(data.resumes());
        Collections.shuffle(shuffled, new Random(seed));
        List<Resume> teaching = shuffled.subList(0, shuffled.size() / 2);
        List<Resume> measured = shuffled.subList(shuffled.size() / 2, shuffled.size());

        int applications = 0;
        int hires = 0;
        for (Resume r : teaching) {
            Seeker seeker = plain.seeker(r);
            boolean hired = false;
            for (Hit hit : plain.scored(r, K)) {
                if (data.relevant(r.category(), iscoByPosting.get(hit.postingId()))) {
                    learning.applied(pair(seeker, plain.posting(hit.postingId())), !hired);
                    applications++;
                    hires += hired ? 0 : 1;
                    hired = true;
                }
            }
        }

        Table table = new Table();
        Map<String, Set<String>> dismissedBy = new HashMap<>();
        int dismissals = 0;
        for (Resume r : measured) {
            List<Hit> first = plain.scored(r, K);
            table.add("1. nothing learned", data, r, first, iscoByPosting);
            table.add("2. applications of the other half learned", data, r, learned.scored(r, K), iscoByPosting);
            Set<String> dismissed = new HashSet<>();
            for (Hit hit : first) {
                if (!data.relevant(r.category(), iscoByPosting.get(hit.postingId()))) {
                    dismissed.add(hit.postingId());
                }
            }
            dismissedBy.put(r.id(), dismissed);
            dismissals += dismissed.size();
        }
        // the next top 10 without the dismissed postings, before the dismissals are learned (applications learned)
        for (Resume r : measured) {
            table.add("3. next top 10, dismissed left out: nothing learned", data, r,
                    without(plain.scored(r, 3 * K), dismissedBy.get(r.id())), iscoByPosting);
            table.add("4. next top 10, dismissed left out: applications learned", data, r,
                    without(learned.scored(r, 3 * K), dismissedBy.get(r.id())), iscoByPosting);
        }
        for (Resume r : measured) {
            Seeker seeker = plain.seeker(r);
            for (String postingId : dismissedBy.get(r.id())) {
                learning.dismissed(pair(seeker, plain.posting(postingId)));
            }
        }
        for (Resume r : measured) {
            table.add("5. next top 10, dismissed left out: applications and dismissals learned", data, r,
                    without(learned.scored(r, 3 * K), dismissedBy.get(r.id())), iscoByPosting);
        }

        System.out.printf(Locale.ROOT, "FeedbackQuality: %d resumes (%d teach, %d measured), %d postings, seed %d%n",
                shuffled.size(), teaching.size(), measured.size(), data.postings().size(), seed);
        System.out.printf(Locale.ROOT, "simulated feedback: %d applications (%d hires) by the teaching half; %d dismissals "
                + "by the measured half; learned: %s%n", applications, hires, dismissals, learning.counters());
        table.print();
    }

    /** What the ledger keeps of a pair, as the engine records it. */
    private static LedgerEntry pair(Seeker seeker, Posting posting) {
        float[] weights = new float[seeker.occupations().length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) seeker.occupationWeight(i);
        }
        return new LedgerEntry(MatchId.of(posting.id(), seeker.id()), seeker.id(), posting.id(), posting.partnerId(), 1, 0,
                LedgerEntry.Status.ACTIVE, true, List.of(), List.of(), null, NOW, null,
                new LedgerEntry.Subject(posting.isco(), posting.employer(), posting.createdAt(), seeker.occupations(),
                        weights));
    }

    private static List<Hit> without(List<Hit> hits, Set<String> dismissed) {
        List<Hit> kept = new ArrayList<>(K);
        for (Hit hit : hits) {
            if (kept.size() == K) {
                break;
            }
            if (!dismissed.contains(hit.postingId())) {
                kept.add(hit);
            }
        }
        return kept;
    }

    /** Precision@10 and NDCG@10 by row, clean and noisy categories apart. */
    private static final class Table {

        private final Map<String, Map<String, Mean[]>> rows = new LinkedHashMap<>();

        void add(String row, MatchQualityData data, Resume r, List<Hit> hits, Map<String, Integer> iscoByPosting) {
            boolean[] relevance = new boolean[hits.size()];
            for (int i = 0; i < hits.size(); i++) {
                relevance[i] = data.relevant(r.category(), iscoByPosting.get(hits.get(i).postingId()));
            }
            double p = RankingMetrics.precisionAt(relevance, K);
            double ndcg = RankingMetrics.ndcgAt(relevance, data.relevantAvailable(r.category()), K);
            Map<String, Mean[]> groups = rows.computeIfAbsent(row, k -> new LinkedHashMap<>());
            for (String group : List.of(data.clean(r.category()) ? "clean" : "noisy", "overall")) {
                Mean[] m = groups.computeIfAbsent(group, g -> new Mean[] {new Mean(), new Mean()});
                m[0].add(p);
                m[1].add(ndcg);
            }
        }

        void print() {
            System.out.println("| ranking | clean P@10 | clean NDCG@10 | noisy P@10 | noisy NDCG@10 | overall P@10 | overall NDCG@10 |");
            System.out.println("|---|---|---|---|---|---|---|");
            rows.forEach((row, groups) -> {
                StringBuilder line = new StringBuilder("| " + row);
                for (String group : List.of("clean", "noisy", "overall")) {
                    Mean[] m = groups.get(group);
                    line.append(m == null ? " | - | -" : String.format(Locale.ROOT, " | %.3f | %.3f", m[0].mean(), m[1].mean()));
                }
                System.out.println(line.append(" |"));
            });
        }
    }
}
