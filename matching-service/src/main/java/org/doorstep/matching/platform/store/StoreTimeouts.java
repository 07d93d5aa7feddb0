package org.doorstep.matching.platform.store;

import java.util.concurrent.TimeUnit;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Bounds the driver's server selection and connection set-up by {@link StoreProperties#timeout()}. */
@Configuration(proxyBeanMethods = false)
class StoreTimeouts {

    /** After Boot's customizer, which applies the connection string: the configured timeout wins. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 1)
    MongoClientSettingsBuilderCustomizer storeTimeoutCustomizer(StoreProperties settings) {
        long millis = settings.timeout().toMillis();
        return builder -> builder
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(pool -> pool.maxWaitTime(millis, TimeUnit.MILLISECONDS));
    }
}
