package org.doorstep.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock that follows real time until a test pins it; tests that pin it restore it afterwards.
 * Tests using it for time-dependent behaviour use seekers of their own, so a moved clock does not
 * change what other tests see.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> pinned = new AtomicReference<>();

    public void pin(Instant instant) {
        pinned.set(instant);
    }

    public void advance(Duration duration) {
        pinned.updateAndGet(now -> (now == null ? Instant.now() : now).plus(duration));
    }

    public void release() {
        pinned.set(null);
    }

    @Override
    public Instant instant() {
        Instant now = pinned.get();
        return now == null ? Instant.now() : now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
