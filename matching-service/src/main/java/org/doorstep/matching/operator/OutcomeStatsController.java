package org.doorstep.matching.operator;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.doorstep.matching.match.OutcomeSeries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What became of matches over time, for operators and auditors: by day (UTC), matches found, withdrawn, dismissed,
 * applied to and hired, each in total and by key group, region and campaign, from the outcome counters (never the
 * ledger).
 */
@RestController
@RequestMapping("/api/v1/stats")
class OutcomeStatsController {

    static final int MAX_DAYS = 92;

    private final OutcomeSeries series;
    private final Clock clock;

    OutcomeStatsController(OutcomeSeries series, Clock clock) {
        this.series = series;
        this.clock = clock;
    }

    /** The last {@code days} days, today included (1 to 92, default 14). */
    @GetMapping("/outcomes")
    Mono<Map<String, Object>> outcomes(@RequestParam(defaultValue = "14") @Min(1) @Max(MAX_DAYS) int days) {
        LocalDate today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        return Mono.fromCallable(() -> series.series(today.minusDays(days - 1L), today))
                .subscribeOn(Schedulers.boundedElastic());
    }
}
