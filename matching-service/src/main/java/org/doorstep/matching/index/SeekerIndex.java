package org.doorstep.matching.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;
import org.doorstep.matching.scoring.MatchScorer;
import org.doorstep.matching.scoring.MatchingPolicy;
import org.doorstep.matching.scoring.Posting;
import org.doorstep.matching.scoring.Seeker;

/**
 * The seekers this instance knows (all of them: seekers are replicated to every instance), for
 * "which seekers fit this posting?". Each seeker sits in the distance band just above their own limit
 * and in a grid cell of that band (cells about twice the band's radius); their skills and occupation
 * minor groups are indexed together with that cell ("cell|concept" terms). A posting asks, for every
 * band that has seekers, the cells its circle touches combined with its own skills and occupation
 * group: one term lookup per (cell, concept) yields exactly the nearby seekers who share something,
 * without a geo predicate per query (the benchmark showed Lucene's distance-query set-up dominating at
 * a million seekers). Remote jobs add remote-ready seekers anywhere ("r|concept"). Education and
 * experience minimums and needed accommodations are left to the scorer's vetoes (as range filters
 * beside a term-set lead Lucene tended to evaluate them over the whole index, and a MUST_NOT clause per
 * accommodation cost an advance per candidate and clause: few seekers need one); MatchScorer then
 * checks the exact distance against the seeker's own limit and scores.
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
        MatchScorer.Prepared prepared = scorer.prepare(posting);
        return index.search(query, slot -> prepared.score(index.atSlot(slot), now), k);
    }

    /** The same, by scoring every seeker: only for benchmarks and tests. */
    public Retrieved<Seeker> scan(Posting posting, MatchScorer scorer, int k, Instant now) {
        MatchScorer.Prepared prepared = scorer.prepare(posting);
        return index.scan(slot -> prepared.score(index.atSlot(slot), now), k);
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
        // Needed accommodations are left to the scorer's veto too: few seekers need one, and a MUST_NOT
        // clause per accommodation cost an advance per candidate and clause.
        if (remoteSkills.isEmpty()) {
            return new ConstantScoreQuery(new TermInSetQuery(AREA_CONCEPT, areaSkills));
        }
        if (areaSkills.isEmpty()) {
            return new ConstantScoreQuery(new TermInSetQuery(REMOTE_CONCEPT, remoteSkills));
        }
        return new ConstantScoreQuery(new BooleanQuery.Builder()
                .add(new TermInSetQuery(AREA_CONCEPT, areaSkills), Occur.SHOULD)
                .add(new TermInSetQuery(REMOTE_CONCEPT, remoteSkills), Occur.SHOULD)
                .build());
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

    /**
     * The cell of band {@code b} a point falls in: rows twice the band's radius high, and in each row
     * cells about twice the radius wide (narrower in degrees towards the equator), so that the circle
     * around a posting touches at most 2 x 2 or 2 x 3 cells of a band.
     */
    static String cell(int b, double lat, double lon) {
        if (b == BANDS_KM.length - 1) {
            return "w";
        }
        int row = (int) Math.floor(lat / rowHeight(b));
        return b + ":" + row + ":" + (int) Math.floor(lon / cellWidth(b, row));
    }

    /** Every cell of band {@code b} that a circle of the band's radius around the point touches. */
    static List<String> cellsAround(int b, double lat, double lon) {
        if (b == BANDS_KM.length - 1) {
            return List.of("w");
        }
        double dLat = BANDS_KM[b] / KM_PER_DEGREE;
        double cos = Math.max(0.01, Math.cos(Math.toRadians(Math.min(89.9, Math.abs(lat) + dLat))));
        double dLon = Math.min(180, dLat / cos);
        int row0 = (int) Math.floor((lat - dLat) / rowHeight(b));
        int row1 = (int) Math.floor((lat + dLat) / rowHeight(b));
        List<String> cells = new ArrayList<>();
        for (int row = row0; row <= row1; row++) {
            double width = cellWidth(b, row);
            int x0 = (int) Math.floor((lon - dLon) / width);
            int x1 = (int) Math.floor((lon + dLon) / width);
            for (int x = x0; x <= x1; x++) {
                cells.add(b + ":" + row + ":" + x);
            }
        }
        return cells;
    }

    private static double rowHeight(int b) {
        return 2 * BANDS_KM[b] / KM_PER_DEGREE;
    }

    private static double cellWidth(int b, int row) {
        double height = rowHeight(b);
        double centre = Math.abs((row + 0.5) * height);
        return Math.min(360, height / Math.max(0.01, Math.cos(Math.toRadians(Math.min(89.9, centre)))));
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
