package org.doorstep.matching.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
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
 * minor groups are indexed together with that cell (one 8-byte term per cell and concept). A posting asks, for every
 * band that has seekers, the cells its circle touches combined with its own skills and occupation
 * group: one term lookup per (cell, concept) yields exactly the nearby seekers who share something,
 * without a geo predicate per query (the benchmark showed Lucene's distance-query set-up dominating at
 * a million seekers). Remote jobs add remote-ready seekers anywhere (terms of a "remote" cell). Education and
 * experience minimums and needed accommodations are left to the scorer's vetoes (as range filters
 * beside a term-set lead Lucene tended to evaluate them over the whole index, and a MUST_NOT clause per
 * accommodation cost an advance per candidate and clause: few seekers need one); MatchScorer then
 * checks the exact distance against the seeker's own limit and scores.
 */
public final class SeekerIndex implements AutoCloseable {

    /** Distance bands (km); a seeker's band is the first not below their limit, the last is the whole world. */
    static final double[] BANDS_KM = {5, 10, 15, 25, 50, 100, 300, 1000, 20040};

    /**
     * Terms (cell, concept): where a seeker is (in the grid of their distance band) and what they offer;
     * seekers open to remote work also have (remote, concept) terms.
     */
    private static final String AREA_CONCEPT = "area";
    private static final long WORLD = cellKey(BANDS_KM.length - 1, 0, 0);
    private static final long REMOTE = cellKey(15, 0, 0);
    private static final long SKILL = 0;
    private static final long OCCUPATION_GROUP = 1L << 27;
    private static final long CONCEPT_MASK = (1L << 27) - 1;
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
        MatchScorer.Prepared prepared = scorer.prepare(posting, now);
        return index.search(query, prepared::score, SeekerIndex::warm, k);
    }

    /** The same, by scoring every seeker: only for benchmarks and tests. */
    public Retrieved<Seeker> scan(Posting posting, MatchScorer scorer, int k, Instant now) {
        MatchScorer.Prepared prepared = scorer.prepare(posting, now);
        return index.scan(prepared::score, k);
    }

    /** Reads what scoring reads first: the seeker's fields and their skill and occupation arrays. */
    private static int warm(Seeker seeker) {
        return seeker.skills().length + seeker.occupations().length;
    }

    public void optimise() {
        index.optimise();
    }

    public long luceneBytes() {
        return index.ramBytes();
    }

    Query queryFor(Posting posting) {
        List<BytesRef> terms = new ArrayList<>();
        synchronized (perBand) {
            for (int b = 0; b < BANDS_KM.length; b++) {
                if (perBand[b] != 0) {
                    for (long cell : cellsAround(b, posting.lat(), posting.lon())) {
                        addConcepts(terms, cell, posting);
                    }
                }
            }
        }
        if (posting.remote()) {
            addConcepts(terms, REMOTE, posting);
        }
        if (terms.isEmpty()) {
            return new MatchNoDocsQuery("nobody within reach shares a skill or an occupation group");
        }
        return new ConstantScoreQuery(new TermInSetQuery(AREA_CONCEPT, terms));
    }

    private static void addConcepts(List<BytesRef> terms, long cell, Posting posting) {
        for (int skill : posting.requiredSkills()) {
            terms.add(term(cell, SKILL, skill));
        }
        for (int skill : posting.optionalSkills()) {
            terms.add(term(cell, SKILL, skill));
        }
        for (int skill : posting.extractedSkills()) {
            terms.add(term(cell, SKILL, skill));
        }
        if (posting.isco() > 0) {
            terms.add(term(cell, OCCUPATION_GROUP, posting.isco() / 10));
        }
    }

    /**
     * A term of 8 bytes: the cell (band, row, column; or "remote") in the high 36 bits, then whether
     * the concept is a skill or an occupation minor group, then its id. Fixed-width binary terms keep
     * the term dictionary small and its lookups cheap (a query looks up a few hundred), and sort the
     * concepts of one cell together.
     */
    static BytesRef term(long cell, long kind, int concept) {
        long key = cell | kind | (concept & CONCEPT_MASK);
        byte[] bytes = new byte[Long.BYTES];
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            bytes[i] = (byte) key;
            key >>>= 8;
        }
        return new BytesRef(bytes);
    }

    private static long cellKey(int band, int row, int column) {
        return ((long) band << 60) | ((long) (row & 0xFFFF) << 44) | ((long) (column & 0xFFFF) << 28);
    }

    /**
     * The cell of band {@code b} a point falls in: rows twice the band's radius high, and in each row
     * cells about twice the radius wide (narrower in degrees towards the equator), so that the circle
     * around a posting touches at most 2 x 2 or 2 x 3 cells of a band.
     */
    static long cell(int b, double lat, double lon) {
        if (b == BANDS_KM.length - 1) {
            return WORLD;
        }
        int row = (int) Math.floor(lat / rowHeight(b));
        return cellKey(b, row, (int) Math.floor((lon >= 180 ? lon - 360 : lon) / cellWidth(b, row)));
    }

    /** Every cell of band {@code b} that a circle of the band's radius around the point touches. */
    static List<Long> cellsAround(int b, double lat, double lon) {
        if (b == BANDS_KM.length - 1) {
            return List.of(WORLD);
        }
        double dLat = BANDS_KM[b] / KM_PER_DEGREE;
        double cos = Math.max(0.01, Math.cos(Math.toRadians(Math.min(89.9, Math.abs(lat) + dLat))));
        double dLon = Math.min(180, dLat / cos);
        int row0 = (int) Math.floor((lat - dLat) / rowHeight(b));
        int row1 = (int) Math.floor((lat + dLat) / rowHeight(b));
        List<Long> cells = new ArrayList<>();
        for (int row = row0; row <= row1; row++) {
            double width = cellWidth(b, row);
            addColumns(cells, b, row, width, Math.max(-180, lon - dLon), Math.min(180, lon + dLon));
            if (dLon < 180 && lon - dLon < -180) { // the circle crosses the antimeridian westwards
                addColumns(cells, b, row, width, lon - dLon + 360, 180);
            }
            if (dLon < 180 && lon + dLon >= 180) { // or eastwards
                addColumns(cells, b, row, width, -180, lon + dLon - 360);
            }
        }
        return cells;
    }

    private static void addColumns(List<Long> cells, int b, int row, double width, double west, double east) {
        int x0 = (int) Math.floor(west / width);
        int x1 = (int) Math.floor(Math.min(east, Math.nextDown(180.0)) / width);
        for (int x = x0; x <= x1; x++) {
            cells.add(cellKey(b, row, x));
        }
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
            addTerms(doc, cell(band(seeker), seeker.lat(), seeker.lon()), seeker);
        }
        if (seeker.remoteOk()) {
            addTerms(doc, REMOTE, seeker);
        }
        return doc;
    }

    private static void addTerms(Document doc, long cell, Seeker seeker) {
        for (int skill : seeker.skills()) {
            doc.add(new StringField(AREA_CONCEPT, term(cell, SKILL, skill), Field.Store.NO));
        }
        for (int occupation : distinctMinorGroups(seeker.occupations())) {
            doc.add(new StringField(AREA_CONCEPT, term(cell, OCCUPATION_GROUP, occupation), Field.Store.NO));
        }
    }

    private static int[] distinctMinorGroups(int[] occupations) {
        return Arrays.stream(occupations).map(o -> o / 10).distinct().toArray();
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
