package org.doorstep.matching.operator;

import jakarta.validation.constraints.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;

import org.doorstep.matching.economy.PostingEconomies;
import org.doorstep.matching.match.Explanation;
import org.doorstep.matching.match.MatchEngine;
import org.doorstep.matching.match.MatchLedger;
import org.doorstep.matching.match.Placements;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Operator endpoints: why a pair matches or not, and what matching has found so far. Who may call them (operators
 * and auditors) is decided by the security filter chain, before this controller.
 */
@RestController
@RequestMapping("/api/v1")
class OperatorController {

    private final MatchEngine engine;
    private final MatchLedger ledger;
    private final Placements placements;
    private final PostingEconomies economies;

    OperatorController(MatchEngine engine, MatchLedger ledger, Placements placements, PostingEconomies economies) {
        this.economies = economies;
        this.engine = engine;
        this.ledger = ledger;
        this.placements = placements;
    }

    /** What an id of a posting or seeker can be (UUIDs and partners' ids): not percent-decoded bytes or Unicode tricks. */
    private static final String ID = "[\\x21-\\x7E]{1,200}";
    private static final String ID_RULE = "must be an id: 1 to 200 printable ASCII characters";

    /** Score, every factor and every veto of one pair, as this instance sees it. */
    @GetMapping("/matches/explain")
    Mono<Explanation> explain(@RequestParam @Pattern(regexp = ID, message = ID_RULE) String postingId,
                              @RequestParam @Pattern(regexp = ID, message = ID_RULE) String seekerId) {
        return Mono.fromCallable(() -> engine.explain(postingId, seekerId)).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Active matches by campaign, key group and region; placements (hires reported by partners) by the same, with the
     * mean days from match to hire; open postings and their active matches by economy tag (digital, green, silver);
     * and this instance's counters.
     */
    @GetMapping("/stats")
    Mono<Map<String, Object>> stats() {
        return Mono.fromCallable(() -> {
            Map<String, Object> stats = new LinkedHashMap<>(ledger.activeCounts());
            stats.put("placements", placements.stats());
            stats.put("byEconomy", economies.counts());
            stats.put("instance", engine.counters());
            return stats;
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
