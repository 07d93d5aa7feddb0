package org.doorstep.matching.match;

import java.time.LocalDate;
import java.util.Map;

/** The operators' outcome counters by day (see {@link Outcomes}): added to in one keyed bulk write, read by day range. */
public interface OutcomeSeries {

    /**
     * Adds the counts. Approximate at a crash or a store outage: a round's counts are written after the round settles
     * (a crash before, or a store that refuses the write, loses them; the round itself is not failed for them); an
     * application read twice counts twice (a dismissal does not: it counts only when the ledger changes).
     */
    void add(Outcomes outcomes);

    /**
     * Day by day from {@code from} to {@code to} (inclusive): outcome to {@code total}, {@code byKeyGroup},
     * {@code byRegion}, {@code byCampaign}; days without any outcome left out.
     */
    Map<String, Object> series(LocalDate from, LocalDate to);
}
