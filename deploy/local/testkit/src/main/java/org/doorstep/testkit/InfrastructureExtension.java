package org.doorstep.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts the shared infrastructure (once) and publishes its endpoints as system properties. */
final class InfrastructureExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        String kafka = infrastructure.bootstrapServers();
        String mongo = infrastructure.mongoUri();
        System.setProperty("KAFKA_BOOTSTRAP_SERVERS", kafka);
        System.setProperty("spring.cloud.stream.kafka.binder.brokers", kafka);
        System.setProperty("spring.kafka.bootstrap-servers", kafka);
        System.setProperty("MONGODB_URI", mongo);
        System.setProperty("spring.mongodb.uri", mongo);
    }
}
