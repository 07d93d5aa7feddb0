package org.doorstep.notifications.platform.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A store that cannot be reached fails a request within {@code doorstep.store.timeout} (default 2 s) instead of
 * the driver's 30 s: the time to select a server and to open a connection. Runs after Boot's customizers.
 */
@Configuration(proxyBeanMethods = false)
class StoreTimeouts {

    @ConfigurationProperties("doorstep.store")
    record Settings(@DefaultValue("2s") Duration timeout) {

        Settings {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("doorstep.store.timeout must be positive");
            }
        }
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    MongoClientSettingsBuilderCustomizer storeTimeoutSettings(Settings settings) {
        long millis = settings.timeout().toMillis();
        return builder -> builder
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(pool -> pool.maxWaitTime(millis, TimeUnit.MILLISECONDS));
    }
}
