package org.doorstep.matching.duplicates;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open postings this instance holds, by place, for duplicate detection: a grid of cells about 550 m on a
 * side (larger than the rule's distance), so a posting's duplicates are among the postings of its own and the
 * eight neighbouring cells. Postings are kept in the order they arrived: the first of a job is its
 * {@linkplain #duplicatesOf original}. Single writer (the matching engine).
 */
public final class JobDirectory {

    private static final double CELL_DEGREES = 0.005;

    private final DuplicateRule rule;
    private final Map<String, JobSignature> byId = new HashMap<>();
    private final Map<String, Long> arrival = new HashMap<>();
    private final Map<String, java.util.Set<String>> links = new HashMap<>();
    private long arrived;
    private final Map<Long, LinkedHashMap<String, JobSignature>> cells = new HashMap<>();

    public JobDirectory(DuplicateRule rule) {
        this.rule = rule;
        if (rule.maxDistanceKm() > CELL_DEGREES * 111.0) {
            throw new IllegalArgumentException("the duplicate distance must stay below the cell size (~550 m)");
        }
    }

    /**
     * Adds or replaces a posting's signature (a changed posting keeps its place in the order) and returns the other
     * postings of its job, as {@link #duplicatesOf} finds them; {@link #sameJobAs} answers from memory afterwards.
     */
    public List<JobSignature> put(JobSignature signature) {
        unlink(signature.postingId());
        List<JobSignature> same = duplicatesOf(signature);
        arrival.computeIfAbsent(signature.postingId(), id -> ++arrived);
        JobSignature previous = byId.put(signature.postingId(), signature);
        if (previous != null && cell(previous.lat(), previous.lon()) != cell(signature.lat(), signature.lon())) {
            removeFromCell(previous);
            byId.put(signature.postingId(), signature);
        }
        cells.computeIfAbsent(cell(signature.lat(), signature.lon()), k -> new LinkedHashMap<>())
                .put(signature.postingId(), signature);
        for (JobSignature other : same) {
            links.computeIfAbsent(signature.postingId(), k -> new java.util.HashSet<>()).add(other.postingId());
            links.computeIfAbsent(other.postingId(), k -> new java.util.HashSet<>()).add(signature.postingId());
        }
        return same;
    }

    /** The other postings held here that were found to be the same job as this one, first published first. */
    public List<JobSignature> sameJobAs(String postingId) {
        java.util.Set<String> linked = links.get(postingId);
        if (linked == null) {
            return List.of();
        }
        List<JobSignature> same = new ArrayList<>(linked.size());
        for (String id : linked) {
            same.add(byId.get(id));
        }
        same.sort(java.util.Comparator.comparingLong(other -> arrival.get(other.postingId())));
        return same;
    }

    private void unlink(String postingId) {
        java.util.Set<String> linked = links.remove(postingId);
        if (linked != null) {
            for (String other : linked) {
                java.util.Set<String> back = links.get(other);
                if (back != null) {
                    back.remove(postingId);
                    if (back.isEmpty()) {
                        links.remove(other);
                    }
                }
            }
        }
    }

    public void remove(String postingId) {
        JobSignature signature = byId.get(postingId);
        if (signature != null) {
            unlink(postingId);
            byId.remove(postingId);
            arrival.remove(postingId);
            removeFromCell(signature);
        }
    }

    public JobSignature get(String postingId) {
        return byId.get(postingId);
    }

    /** The other postings held here that are the same job as this one, those that arrived first first. */
    public List<JobSignature> duplicatesOf(JobSignature signature) {
        List<JobSignature> found = new ArrayList<>();
        long row = row(signature.lat());
        for (long r = row - 1; r <= row + 1; r++) {
            long column = column(signature.lon(), r);
            for (long c = column - 1; c <= column + 1; c++) {
                LinkedHashMap<String, JobSignature> cell = cells.get(key(r, c));
                if (cell != null) {
                    for (JobSignature other : cell.values()) {
                        if (rule.same(signature, other)) {
                            found.add(other);
                        }
                    }
                }
            }
        }
        found.sort(java.util.Comparator.comparingLong(other -> arrival.get(other.postingId())));
        return found;
    }

    public int size() {
        return byId.size();
    }

    private void removeFromCell(JobSignature signature) {
        long key = cell(signature.lat(), signature.lon());
        LinkedHashMap<String, JobSignature> cell = cells.get(key);
        if (cell != null) {
            cell.remove(signature.postingId());
            if (cell.isEmpty()) {
                cells.remove(key);
            }
        }
    }

    private static long cell(double lat, double lon) {
        long row = row(lat);
        return key(row, column(lon, row));
    }

    private static long row(double lat) {
        return (long) Math.floor(lat / CELL_DEGREES);
    }

    /** Columns are as wide in km as rows are high, at the row's latitude. */
    private static long column(double lon, long row) {
        double cos = Math.max(0.05, Math.cos(Math.toRadians((row + 0.5) * CELL_DEGREES)));
        return (long) Math.floor(lon * cos / CELL_DEGREES);
    }

    private static long key(long row, long column) {
        return row * 1_000_003L + column;
    }
}
