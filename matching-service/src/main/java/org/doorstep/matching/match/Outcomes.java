package org.doorstep.matching.match;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.HashMap;

/**
 * What became of matches, counted by day (UTC) for the operators' statistics over time: {@code found} (a pair told for
 * the first time, or again after a withdrawal), {@code withdrawn}, {@code dismissed}, {@code applied}, {@code hired};
 * each for the total and by the pair's key groups (only those the seeker consented to), region and campaigns as the
 * ledger records them. Counted in memory per round or event and written as keyed increments, never read back from
 * the ledger.
 */
public final class Outcomes {

    public static final String FOUND = "found";
    public static final String WITHDRAWN = "withdrawn";
    public static final String DISMISSED = "dismissed";
    public static final String APPLIED = "applied";
    public static final String HIRED = "hired";

    /** One counter: a day, an outcome, a dimension ({@code total}, {@code keyGroup}, {@code region}, {@code campaign}), a value. */
    public record Key(LocalDate day, String outcome, String dimension, String value) {
    }

    private final Map<Key, Long> counts = new HashMap<>();

    /** Counts one pair's outcome at {@code at}. */
    public Outcomes add(String outcome, LedgerEntry pair, Instant at) {
        LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
        increment(new Key(day, outcome, "total", "all"));
        pair.keyGroups().forEach(group -> increment(new Key(day, outcome, "keyGroup", group)));
        increment(new Key(day, outcome, "region", pair.regionCode() == null ? "unknown" : pair.regionCode()));
        pair.campaignCodes().forEach(campaign -> increment(new Key(day, outcome, "campaign", campaign)));
        return this;
    }

    private void increment(Key key) {
        counts.merge(key, 1L, Long::sum);
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    public Map<Key, Long> counts() {
        return Map.copyOf(counts);
    }
}
