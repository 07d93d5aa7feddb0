package org.doorstep.matching.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FloatField;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.doorstep.matching.scoring.Accommodation;
import org.doorstep.matching.scoring.MatchScorer;
import org.doorstep.matching.scoring.MatchingPolicy;
import org.doorstep.matching.scoring.Masks;
import org.doorstep.matching.scoring.Posting;
import org.doorstep.matching.scoring.Seeker;

/**
 * The seekers this instance knows (all of them: seekers are replicated to every instance), for
 * "which seekers fit this posting?". Each seeker sits in the distance band just above their own limit
 * and in a grid cell of that band (cells as wide as the band's radius); their skills and occupation
 * minor groups are indexed together with that cell ("cell|concept" terms). A posting asks, for every
 * band that has seekers, the cells its circle touches combined with its own skills and occupation
 * group: one term lookup per (cell, concept) yields exactly the nearby seekers who share something,
 * without a geo predicate per query (the benchmark showed Lucene's distance-query set-up dominating at
 * a million seekers). Remote jobs add remote-ready seekers anywhere ("r|concept"). Education and
 * experience minimums and needed accommodations filter through doc values; MatchScorer then checks
 * the exact distance against the seeker's own limit and scores.
 */
public final class SeekerIndex implements AutoCloseable {

    /** Distance bands (km); a seeker's band is the first not below their limit, the last is the whole world. */
    static final double[] BANDS_KM = {5, 10, 15, 25, 50, 100, 300, 1000, 20040};

    /** Terms "cell|concept": where a seeker is (in the grid of their distance band) and what they offer. */
    private static final String AREA_CONCEPT = "area";
    /** Terms "r|concept" of seekers open to remote work. */
    private static final String REMOTE_CONCEPT = "remote";
    private static final double KM_PER_DEGREE = 111.195;

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
        List<BytesRef> areaSkills = new ArrayList<>();
        List<BytesRef> remoteSkills = new ArrayList<>();
        synchronized (perBand) {
            for (int b = 0; b < BANDS_KM.length; b++) {
                if (perBand[b] == 0) {
                    continue;
                }
                for (String cell : cellsAround(b, posting.lat(), posting.lon())) {
                    addConcepts(areaSkills, cell, posting);
                }
            }
        }
        if (posting.remote()) {
            addConcepts(remoteSkills, "r", posting);
        }
        if (areaSkills.isEmpty() && remoteSkills.isEmpty()) {
            return new MatchNoDocsQuery("nobody within reach shares a skill or an occupation group");
        }
        BooleanQuery.Builder candidates = new BooleanQuery.Builder();
        if (!areaSkills.isEmpty()) {
            candidates.add(new TermInSetQuery(AREA_CONCEPT, areaSkills), Occur.SHOULD);
        }
        if (!remoteSkills.isEmpty()) {
            candidates.add(new TermInSetQuery(REMOTE_CONCEPT, remoteSkills), Occur.SHOULD);
        }
        candidates.setMinimumNumberShouldMatch(1);

        BooleanQuery.Builder query = new BooleanQuery.Builder().add(candidates.build(), Occur.FILTER);
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

    private static void addConcepts(List<BytesRef> terms, String prefix, Posting posting) {
        for (int skill : posting.requiredSkills()) {
            terms.add(new BytesRef(prefix + "|s" + skill));
        }
        for (int skill : posting.optionalSkills()) {
            terms.add(new BytesRef(prefix + "|s" + skill));
        }
        if (posting.isco() > 0) {
            terms.add(new BytesRef(prefix + "|o" + posting.isco() / 10));
        }
    }

    /** The cell of band {@code b} a point falls in: square in degrees, as wide as the band's radius. */
    static String cell(int b, double lat, double lon) {
        if (b == BANDS_KM.length - 1) {
            return "w";
        }
        double size = BANDS_KM[b] / KM_PER_DEGREE;
        return b + ":" + (int) Math.floor(lat / size) + ":" + (int) Math.floor(lon / size);
    }

    /** Every cell of band {@code b} that a circle of the band's radius around the point touches. */
    static List<String> cellsAround(int b, double lat, double lon) {
        if (b == BANDS_KM.length - 1) {
            return List.of("w");
        }
        double size = BANDS_KM[b] / KM_PER_DEGREE;
        double dLat = BANDS_KM[b] / KM_PER_DEGREE;
        double cos = Math.max(0.05, Math.cos(Math.toRadians(Math.min(89, Math.abs(lat) + dLat))));
        double dLon = Math.min(180, dLat / cos);
        int lat0 = (int) Math.floor((lat - dLat) / size);
        int lat1 = (int) Math.floor((lat + dLat) / size);
        int lon0 = (int) Math.floor((lon - dLon) / size);
        int lon1 = (int) Math.floor((lon + dLon) / size);
        List<String> cells = new ArrayList<>();
        for (int y = lat0; y <= lat1; y++) {
            for (int x = lon0; x <= lon1; x++) {
                cells.add(b + ":" + y + ":" + x);
            }
        }
        return cells;
    }

    private Document document(Seeker seeker, int slot) {
        Document doc = new Document();
        if (seeker.located()) {
            String cell = cell(band(seeker), seeker.lat(), seeker.lon());
            for (int skill : seeker.skills()) {
                doc.add(new StringField(AREA_CONCEPT, cell + "|s" + skill, Field.Store.NO));
            }
            for (int occupation : distinctMinorGroups(seeker.occupations())) {
                doc.add(new StringField(AREA_CONCEPT, cell + "|o" + occupation, Field.Store.NO));
            }
        }
        if (seeker.remoteOk()) {
            for (int skill : seeker.skills()) {
                doc.add(new StringField(REMOTE_CONCEPT, "r|s" + skill, Field.Store.NO));
            }
            for (int occupation : distinctMinorGroups(seeker.occupations())) {
                doc.add(new StringField(REMOTE_CONCEPT, "r|o" + occupation, Field.Store.NO));
            }
        }
        doc.add(new IntField("edu", seeker.education() == null ? Integer.MAX_VALUE : seeker.education().ordinal(), Field.Store.NO));
        doc.add(new FloatField("exp", seeker.hasExperience() ? seeker.experienceYears() : Float.MAX_VALUE, Field.Store.NO));
        for (Accommodation need : Masks.values(seeker.accommodationNeeds(), Accommodation.class)) {
            doc.add(new StringField("need", need.name(), Field.Store.NO));
        }
        return doc;
    }

    private static int[] distinctMinorGroups(int[] occupations) {
        return java.util.Arrays.stream(occupations).map(o -> o / 10).distinct().toArray();
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
