package org.doorstep.notifications.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The time each step of a delivery batch takes ({@code doorstep.notifications.batch.step}, tag {@code step}):
 * which store or broker round trip a slow batch waits on.
 */
@Component
class BatchSteps {

    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    BatchSteps(MeterRegistry meters) {
        this.meters = meters;
    }

    <T> T time(String step, Supplier<T> work) {
        return timer(step).record(work);
    }

    void time(String step, Runnable work) {
        timer(step).record(work);
    }

    private Timer timer(String step) {
        return timers.computeIfAbsent(step, name -> Timer.builder("doorstep.notifications.batch.step")
                .description("one step of a delivery batch").tag("step", name).register(meters));
    }
}
