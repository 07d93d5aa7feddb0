package org.doorstep.matching.learning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.doorstep.matching.match.LedgerEntry;
import org.doorstep.matching.scoring.Learned;
import org.doorstep.matching.scoring.Posting;
import org.springframework.stereotype.Component;

/**
 * What every instance learns from the feedback topic, held in memory and rebuilt from the topic at start (a derived
 * view, like the seeker index): each seeker's dismissals, by the occupation and employer of the posting dismissed;
 * each posting's applications and hires, by the applicants' occupations. What a pair was about comes from its ledger
 * entry, so an erased seeker's feedback is never learned again after a restart. Each fact counts once however often
 * its event is read; what is kept is bounded per seeker and per posting (the most recent win).
 */
@Component
public class FeedbackLearning implements Learned {

    /** The dismissals kept per seeker, and the applicants kept per posting. */
    static final int KEPT = 200;

    private final Map<String, Taste> tastes = new ConcurrentHashMap<>();
    private final Map<String, Applicants> applicants = new ConcurrentHashMap<>();

    /** The seeker dismissed the pair's posting. */
    public void dismissed(LedgerEntry pair) {
        LedgerEntry.Subject subject = pair.subject();
        if (subject == null) {
            return;
        }
        tastes.compute(pair.seekerId(), (id, taste) -> (taste == null ? Taste.EMPTY : taste)
                .with(pair.postingId(), subject.isco(), subject.employer()));
    }

    /** The seeker applied to the pair's posting ({@code hired}: and the partner reported a hire). */
    public void applied(LedgerEntry pair, boolean hired) {
        LedgerEntry.Subject subject = pair.subject();
        if (subject == null || subject.seekerOccupations().length == 0) {
            return;
        }
        applicants.compute(pair.postingId(), (id, known) -> (known == null ? Applicants.EMPTY : known)
                .with(pair.seekerId(), new Applicant(subject.seekerOccupations(), subject.seekerOccupationWeights(), hired)));
    }

    /** The seeker was erased: nothing learned from them is kept. */
    public void forget(String seekerId) {
        tastes.remove(seekerId);
        applicants.replaceAll((postingId, known) -> known.without(seekerId));
        applicants.values().removeIf(Applicants::isEmpty);
    }

    @Override
    public Aversion aversion(String seekerId, Posting posting) {
        Taste taste = tastes.get(seekerId);
        return taste == null ? null : taste.against(posting);
    }

    @Override
    public Appeal appeal(String postingId) {
        Applicants known = applicants.get(postingId);
        return known == null ? null : known.appeal();
    }

    /** Seekers with dismissals learned, postings with applicants learned (for the operator's counters). */
    public Map<String, Object> counters() {
        return Map.of("seekersWithDismissalsLearned", tastes.size(), "postingsWithApplicationsLearned", applicants.size());
    }

    /** A seeker's dismissals: posting to what it was about, in the order learned; counts by occupation and employer. */
    private record Taste(Map<String, Dismissed> dismissed, Map<Integer, Integer> byIsco, Map<String, Integer> byEmployer) {

        static final Taste EMPTY = new Taste(Map.of(), Map.of(), Map.of());

        Taste with(String postingId, int isco, String employer) {
            if (dismissed.containsKey(postingId)) {
                return this;
            }
            Map<String, Dismissed> next = new LinkedHashMap<>(dismissed);
            next.put(postingId, new Dismissed(isco, employer));
            while (next.size() > KEPT) {
                next.remove(next.keySet().iterator().next());
            }
            Map<Integer, Integer> byIsco = new TreeMap<>();
            Map<String, Integer> employers = new TreeMap<>();
            for (Dismissed d : next.values()) {
                if (d.isco() > 0) {
                    byIsco.merge(d.isco(), 1, Integer::sum);
                }
                if (d.employer() != null) {
                    employers.merge(d.employer(), 1, Integer::sum);
                }
            }
            return new Taste(next, byIsco, employers);
        }

        Aversion against(Posting posting) {
            int sameOccupation = posting.isco() > 0 ? byIsco.getOrDefault(posting.isco(), 0) : 0;
            int sameEmployer = posting.employer() != null ? byEmployer.getOrDefault(posting.employer(), 0) : 0;
            return sameOccupation == 0 && sameEmployer == 0 ? null
                    : new Aversion(posting.isco(), sameOccupation, posting.employer(), sameEmployer);
        }
    }

    private record Dismissed(int isco, String employer) {
    }

    private record Applicant(int[] occupations, float[] weights, boolean hired) {
    }

    /** A posting's applicants, by seeker, and the appeal they make (computed once per change). */
    private record Applicants(Map<String, Applicant> bySeeker, Appeal appeal) {

        static final Applicants EMPTY = new Applicants(Map.of(), null);

        Applicants with(String seekerId, Applicant applicant) {
            Applicant known = bySeeker.get(seekerId);
            if (known != null && (known.hired() || !applicant.hired())) {
                return this;
            }
            Map<String, Applicant> next = new LinkedHashMap<>(bySeeker);
            next.remove(seekerId);
            next.put(seekerId, applicant);
            while (next.size() > KEPT) {
                next.remove(next.keySet().iterator().next());
            }
            return new Applicants(next, appealOf(next));
        }

        Applicants without(String seekerId) {
            if (!bySeeker.containsKey(seekerId)) {
                return this;
            }
            Map<String, Applicant> next = new LinkedHashMap<>(bySeeker);
            next.remove(seekerId);
            return new Applicants(next, next.isEmpty() ? null : appealOf(next));
        }

        boolean isEmpty() {
            return bySeeker.isEmpty();
        }

        private static Appeal appealOf(Map<String, Applicant> applicants) {
            Map<Integer, Double> evidence = new TreeMap<>();
            int hired = 0;
            for (Applicant a : applicants.values()) {
                hired += a.hired() ? 1 : 0;
                for (int i = 0; i < a.occupations().length; i++) {
                    evidence.merge(a.occupations()[i], a.weights()[i] * (a.hired() ? 3.0 : 1.0), Double::sum);
                }
            }
            List<Integer> groups = new ArrayList<>(evidence.keySet());
            int[] occupations = new int[groups.size()];
            float[] weights = new float[groups.size()];
            for (int i = 0; i < occupations.length; i++) {
                occupations[i] = groups.get(i);
                weights[i] = evidence.get(groups.get(i)).floatValue();
            }
            return new Appeal(occupations, weights, applicants.size(), hired);
        }
    }
}
