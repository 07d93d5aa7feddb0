package org.doorstep.notifications.platform;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's notion of now: quiet hours, caps, digests and expiry all read this clock, so tests can move it. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /** Milliseconds, as the store keeps times: an answer shows the same instant as a later read of it. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }
}
