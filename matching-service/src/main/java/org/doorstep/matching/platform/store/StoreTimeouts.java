package org.doorstep.matching.platform.store;

import java.util.concurrent.TimeUnit;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A store that cannot be reached fails a request within {@link StoreProperties#timeout()} (default 2 s) instead of
 * the driver's 30 s: the time to select a server, to open a connection and to wait for one from the pool. Runs after
 * Boot's customizers, which apply the connection string, so the configured timeout wins.
 */
@Configuration(proxyBeanMethods = false)
class StoreTimeouts {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    MongoClientSettingsBuilderCustomizer storeTimeoutCustomizer(StoreProperties properties) {
        long millis = properties.timeout().toMillis();
        return builder -> builder
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(pool -> pool.maxWaitTime(millis, TimeUnit.MILLISECONDS));
    }
}
