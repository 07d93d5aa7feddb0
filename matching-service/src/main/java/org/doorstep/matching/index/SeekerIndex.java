package org.doorstep.matching.index;

import java.time.Instant;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FloatField;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.LatLonDocValuesField;
import org.apache.lucene.document.LatLonPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.doorstep.matching.scoring.Accommodation;
import org.doorstep.matching.scoring.MatchScorer;
import org.doorstep.matching.scoring.MatchingPolicy;
import org.doorstep.matching.scoring.Masks;
import org.doorstep.matching.scoring.Posting;
import org.doorstep.matching.scoring.Seeker;

/**
 * The seekers this instance knows (all of them: seekers are replicated to every instance), for
 * "which seekers fit this posting?". Retrieval: each seeker sits in the distance band just above their
 * own limit, so a posting asks every band (that has seekers) for seekers within that band's radius (plus remote-ready
 * seekers for a remote job); a shared skill or occupation minor group; education and experience not
 * below the minimum beyond the tolerance; no need an on-site job lacks. MatchScorer then scores each.
 */
public final class SeekerIndex implements AutoCloseable {

    /**
     * Distance bands. Few on purpose: every band a posting asks costs a geo predicate (about 0.3 ms of
     * set-up in Lucene), while a seeker retrieved from a wider band than their own limit costs only a
     * cheap veto in the scorer.
     */
    static final double[] BANDS_KM = {25, 50, 100, 300, 1000, 20040};

    private final MatchingPolicy policy;
    private final SlotIndex<Seeker> index;
    private final int[] perBand = new int[BANDS_KM.length];

    public SeekerIndex(MatchingPolicy policy) {
        this.policy = policy;
        this.index = new SlotIndex<>(Seeker::id, this::document);
    }

    public void upsert(Seeker seeker) {
        synchronized (perBand) {
            Seeker old = index.get(seeker.id());
            if (old != null && old.located()) {
                perBand[band(old)]--;
            }
            index.upsert(seeker);
            if (seeker.located()) {
                perBand[band(seeker)]++;
            }
        }
    }

    public Seeker remove(String seekerId) {
        synchronized (perBand) {
            Seeker old = index.remove(seekerId);
            if (old != null && old.located()) {
                perBand[band(old)]--;
            }
            return old;
        }
    }

    public Seeker get(String seekerId) {
        return index.get(seekerId);
    }

    public int size() {
        return index.size();
    }

    /** The best {@code k} seekers for a posting, retrieved through the index. */
    public Retrieved<Seeker> match(Posting posting, MatchScorer scorer, int k, Instant now) {
        Query query = queryFor(posting);
        return index.search(query, slot -> scorer.score(posting, index.atSlot(slot), now), k);
    }

    /** The same, by scoring every seeker: only for benchmarks and tests. */
    public Retrieved<Seeker> scan(Posting posting, MatchScorer scorer, int k, Instant now) {
        return index.scan(slot -> scorer.score(posting, index.atSlot(slot), now), k);
    }

    public void optimise() {
        index.optimise();
    }

    public long luceneBytes() {
        return index.ramBytes();
    }

    Query queryFor(Posting posting) {
        BooleanQuery.Builder relevance = new BooleanQuery.Builder();
        int clauses = 0;
        for (int skill : posting.requiredSkills()) {
            relevance.add(new TermQuery(new Term("skill", Integer.toString(skill))), Occur.SHOULD);
            clauses++;
        }
        for (int skill : posting.optionalSkills()) {
            relevance.add(new TermQuery(new Term("skill", Integer.toString(skill))), Occur.SHOULD);
            clauses++;
        }
        if (posting.isco() > 0) {
            relevance.add(new TermQuery(new Term("o3", Integer.toString(posting.isco() / 10))), Occur.SHOULD);
            clauses++;
        }
        if (clauses == 0) {
            return new MatchNoDocsQuery("the posting has neither skills nor an occupation");
        }
        relevance.setMinimumNumberShouldMatch(1);

        BooleanQuery.Builder near = new BooleanQuery.Builder();
        int bands = 0;
        synchronized (perBand) {
            for (int b = 0; b < BANDS_KM.length; b++) {
                if (perBand[b] == 0) {
                    continue;
                }
                double meters = BANDS_KM[b] * 1000;
                Query within = new IndexOrDocValuesQuery(
                        LatLonPoint.newDistanceQuery("loc", posting.lat(), posting.lon(), meters),
                        LatLonDocValuesField.newSlowDistanceQuery("loc", posting.lat(), posting.lon(), meters));
                near.add(new BooleanQuery.Builder()
                        .add(new TermQuery(new Term("band", Integer.toString(b))), Occur.FILTER)
                        .add(within, Occur.FILTER).build(), Occur.SHOULD);
                bands++;
            }
        }
        if (posting.remote()) {
            near.add(new TermQuery(new Term("remote", "1")), Occur.SHOULD);
            bands++;
        }
        if (bands == 0) {
            return new MatchNoDocsQuery("nobody within reach");
        }
        near.setMinimumNumberShouldMatch(1);

        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(relevance.build(), Occur.FILTER)
                .add(near.build(), Occur.FILTER);
        if (posting.minEducation() != null) {
            query.add(IntField.newRangeQuery("edu", posting.minEducation().ordinal() - policy.educationTolerance(),
                    Integer.MAX_VALUE), Occur.FILTER);
        }
        if (posting.hasMinExperience()) {
            query.add(FloatField.newRangeQuery("exp", (float) (posting.minExperienceYears() - policy.experienceToleranceYears()),
                    Float.POSITIVE_INFINITY), Occur.FILTER);
        }
        if (!posting.remote()) {
            for (Accommodation accommodation : Accommodation.values()) {
                if (!Masks.has(posting.accommodations(), accommodation)) {
                    query.add(new TermQuery(new Term("need", accommodation.name())), Occur.MUST_NOT);
                }
            }
        }
        return query.build();
    }

    private Document document(Seeker seeker, int slot) {
        Document doc = new Document();
        if (seeker.located()) {
            doc.add(new LatLonPoint("loc", seeker.lat(), seeker.lon()));
            doc.add(new LatLonDocValuesField("loc", seeker.lat(), seeker.lon()));
            doc.add(new StringField("band", Integer.toString(band(seeker)), Field.Store.NO));
        }
        if (seeker.remoteOk()) {
            doc.add(new StringField("remote", "1", Field.Store.NO));
        }
        for (int skill : seeker.skills()) {
            doc.add(new StringField("skill", Integer.toString(skill), Field.Store.NO));
        }
        for (int occupation : seeker.occupations()) {
            doc.add(new StringField("o3", Integer.toString(occupation / 10), Field.Store.NO));
        }
        doc.add(new IntField("edu", seeker.education() == null ? Integer.MAX_VALUE : seeker.education().ordinal(), Field.Store.NO));
        doc.add(new FloatField("exp", seeker.hasExperience() ? seeker.experienceYears() : Float.MAX_VALUE, Field.Store.NO));
        for (Accommodation need : Masks.values(seeker.accommodationNeeds(), Accommodation.class)) {
            doc.add(new StringField("need", need.name(), Field.Store.NO));
        }
        return doc;
    }

    private int band(Seeker seeker) {
        double km = policy.maxDistanceOf(seeker);
        for (int b = 0; b < BANDS_KM.length; b++) {
            if (km <= BANDS_KM[b]) {
                return b;
            }
        }
        return BANDS_KM.length - 1;
    }

    @Override
    public void close() {
        index.close();
    }
}
