package org.doorstep.matching.match;

import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * What partners report of applications to matches ({@code match.outcome.v1}): a hire becomes a placement, counted by
 * the pair's key groups, region and campaigns as the ledger holds them (one keyed read), once per match.
 */
@Service
public class OutcomeRecorder {

    private final MatchLedger ledger;
    private final Placements placements;
    private final OutcomeSeries series;

    public OutcomeRecorder(MatchLedger ledger, Placements placements, OutcomeSeries series) {
        this.ledger = ledger;
        this.placements = placements;
        this.series = series;
    }

    /** The seeker applied to the pair: counted in the outcomes by day (a pair the ledger does not know, not). */
    public void applied(String matchId, Instant at) {
        ledger.find(matchId).filter(p -> p.status() != LedgerEntry.Status.ERASED)
                .ifPresent(pair -> series.add(new Outcomes().add(Outcomes.APPLIED, pair, at)));
    }

    /** Emits whether a placement was counted now (false for other outcomes, a repeat or a pair not in the ledger). */
    public boolean outcome(String matchId, String outcome, Instant matchedAt, Instant at) {
        if (!"HIRED".equals(outcome)) {
            return false;
        }
        Optional<LedgerEntry> pair = ledger.find(matchId).filter(p -> p.status() != LedgerEntry.Status.ERASED);
        boolean counted = pair.map(p -> placements.record(Placement.of(p, matchedAt, at))).orElse(false);
        if (counted) {
            series.add(new Outcomes().add(Outcomes.HIRED, pair.get(), at));
        }
        return counted;
    }
}
