package org.doorstep.matching.operator;

import org.doorstep.matching.match.MatchEngine;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** What an operator watches in Prometheus: index sizes and matches told, per instance. */
@Component
class MatchingMetrics implements MeterBinder {

    private final MatchEngine engine;

    MatchingMetrics(MatchEngine engine) {
        this.engine = engine;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "doorstep.matching.seekers.indexed", "seekersIndexed", "seekers in this instance's index");
        gauge(registry, "doorstep.matching.postings.indexed", "postingsIndexed", "open postings this instance owns");
        gauge(registry, "doorstep.matching.matches.found", "matchesFound", "match.found events published since start");
        gauge(registry, "doorstep.matching.matches.withdrawn", "matchesWithdrawn", "match.withdrawn events published since start");
    }

    private void gauge(MeterRegistry registry, String name, String counter, String description) {
        Gauge.builder(name, engine, e -> ((Number) e.counters().get(counter)).doubleValue())
                .description(description).register(registry);
    }
}
