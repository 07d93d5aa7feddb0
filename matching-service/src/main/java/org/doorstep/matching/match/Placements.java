package org.doorstep.matching.match;

import java.util.Map;

/**
 * The operator statistics of placements, kept as counters: each placement adds to the total and to its key groups,
 * region and campaigns in one keyed bulk write (counted once per match), and the statistics read the counters, never
 * the ledger.
 */
public interface Placements {

    /** Counts the placement unless its match was counted already; true when counted now. */
    boolean record(Placement placement);

    /**
     * {@code total}, {@code byKeyGroup}, {@code byRegion}, {@code byCampaign}: each with {@code placements} and, over
     * those whose match time is known, {@code meanDaysToHire}.
     */
    Map<String, Object> stats();
}
