package org.doorstep.matching.index;

import java.time.Instant;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FloatField;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.LatLonDocValuesField;
import org.apache.lucene.document.LatLonPoint;
import org.apache.lucene.document.LongField;
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
 * The open postings this instance owns (those of its partitions of the postings topic), for "which
 * postings fit this profile?": within the seeker's distance (or remote, for a remote-ready seeker),
 * sharing a skill or an occupation minor group, minimums the seeker meets within the tolerance,
 * every accommodation the seeker needs offered (or remote), not expired.
 */
public final class PostingIndex implements AutoCloseable {

    private final MatchingPolicy policy;
    private final SlotIndex<Posting> index;

    public PostingIndex(MatchingPolicy policy) {
        this.policy = policy;
        this.index = new SlotIndex<>(Posting::id, PostingIndex::document);
    }

    public void upsert(Posting posting) {
        index.upsert(posting);
    }

    public Posting remove(String postingId) {
        return index.remove(postingId);
    }

    public Posting get(String postingId) {
        return index.get(postingId);
    }

    public int size() {
        return index.size();
    }

    public Retrieved<Posting> match(Seeker seeker, MatchScorer scorer, int k, Instant now) {
        return index.search(queryFor(seeker, now), posting -> scorer.score(posting, seeker, now),
                Posting::skillCount, k);
    }

    public Retrieved<Posting> scan(Seeker seeker, MatchScorer scorer, int k, Instant now) {
        return index.scan(posting -> scorer.score(posting, seeker, now), k);
    }

    public void optimise() {
        index.optimise();
    }

    Query queryFor(Seeker seeker, Instant now) {
        BooleanQuery.Builder relevance = new BooleanQuery.Builder();
        int clauses = 0;
        for (int skill : seeker.skills()) {
            relevance.add(new TermQuery(new Term("skill", Integer.toString(skill))), Occur.SHOULD);
            clauses++;
        }
        for (int occupation : seeker.occupations()) {
            relevance.add(new TermQuery(new Term("o3", Integer.toString(occupation / 10))), Occur.SHOULD);
            clauses++;
        }
        if (clauses == 0) {
            return new MatchNoDocsQuery("the seeker has neither skills nor desired occupations");
        }
        relevance.setMinimumNumberShouldMatch(1);

        BooleanQuery.Builder near = new BooleanQuery.Builder();
        int ways = 0;
        if (seeker.located()) {
            double meters = policy.maxDistanceOf(seeker) * 1000;
            near.add(new IndexOrDocValuesQuery(
                    LatLonPoint.newDistanceQuery("loc", seeker.lat(), seeker.lon(), meters),
                    LatLonDocValuesField.newSlowDistanceQuery("loc", seeker.lat(), seeker.lon(), meters)), Occur.SHOULD);
            ways++;
        }
        if (seeker.remoteOk()) {
            near.add(new TermQuery(new Term("remote", "1")), Occur.SHOULD);
            ways++;
        }
        if (ways == 0) {
            return new MatchNoDocsQuery("no location and not open to remote work");
        }
        near.setMinimumNumberShouldMatch(1);

        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(relevance.build(), Occur.FILTER)
                .add(near.build(), Occur.FILTER)
                .add(LongField.newRangeQuery("valid", now.toEpochMilli(), Long.MAX_VALUE), Occur.FILTER);
        if (seeker.education() != null) {
            query.add(IntField.newRangeQuery("minedu", Integer.MIN_VALUE,
                    seeker.education().ordinal() + policy.educationTolerance()), Occur.FILTER);
        }
        if (seeker.hasExperience()) {
            query.add(FloatField.newRangeQuery("minexp", Float.NEGATIVE_INFINITY,
                    (float) (seeker.experienceYears() + policy.experienceToleranceYears())), Occur.FILTER);
        }
        for (Accommodation need : Masks.values(seeker.accommodationNeeds(), Accommodation.class)) {
            query.add(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term("offer", need.name())), Occur.SHOULD)
                    .add(new TermQuery(new Term("remote", "1")), Occur.SHOULD)
                    .setMinimumNumberShouldMatch(1).build(), Occur.FILTER);
        }
        return query.build();
    }

    private static Document document(Posting posting, int slot) {
        Document doc = new Document();
        doc.add(new LatLonPoint("loc", posting.lat(), posting.lon()));
        doc.add(new LatLonDocValuesField("loc", posting.lat(), posting.lon()));
        if (posting.remote()) {
            doc.add(new StringField("remote", "1", Field.Store.NO));
        }
        for (int skill : posting.requiredSkills()) {
            doc.add(new StringField("skill", Integer.toString(skill), Field.Store.NO));
        }
        for (int skill : posting.optionalSkills()) {
            doc.add(new StringField("skill", Integer.toString(skill), Field.Store.NO));
        }
        for (int skill : posting.extractedSkills()) {
            doc.add(new StringField("skill", Integer.toString(skill), Field.Store.NO));
        }
        if (posting.isco() > 0) {
            doc.add(new StringField("o3", Integer.toString(posting.isco() / 10), Field.Store.NO));
        }
        doc.add(new IntField("minedu", posting.minEducation() == null ? -1 : posting.minEducation().ordinal(), Field.Store.NO));
        doc.add(new FloatField("minexp", posting.hasMinExperience() ? posting.minExperienceYears() : -1f, Field.Store.NO));
        doc.add(new LongField("valid", posting.validThrough() == null ? Long.MAX_VALUE : posting.validThrough().toEpochMilli(), Field.Store.NO));
        for (Accommodation offer : Masks.values(posting.accommodations(), Accommodation.class)) {
            doc.add(new StringField("offer", offer.name(), Field.Store.NO));
        }
        return doc;
    }

    @Override
    public void close() {
        index.close();
    }
}
