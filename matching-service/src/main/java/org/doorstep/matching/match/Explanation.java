package org.doorstep.matching.match;

import java.util.List;

import org.doorstep.matching.scoring.Reason;
import org.doorstep.matching.scoring.Veto;

/** Why a pair does or does not match: every factor, every veto, and what the ledger says. */
public record Explanation(
        String postingId,
        String seekerId,
        boolean postingKnown,
        boolean seekerKnown,
        double score,
        double threshold,
        boolean qualifies,
        List<Reason> reasons,
        List<Veto> vetoes,
        LedgerEntry ledger) {
}
