package org.doorstep.postings.platform.store;

import java.util.concurrent.TimeUnit;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Store outages fail fast: with the store unreachable, a request waits {@code doorstep.store.timeout} (2 s) for
 * a server and for a connection, not the driver's 30 s, then answers 503 (see the ProblemHandler).
 */
@Configuration(proxyBeanMethods = false)
class StoreTimeoutConfiguration {

    @Bean
    MongoClientSettingsBuilderCustomizer storeTimeouts(StoreProperties properties) {
        long millis = properties.timeout().toMillis();
        return builder -> builder
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(pool -> pool.maxWaitTime(millis, TimeUnit.MILLISECONDS));
    }
}
