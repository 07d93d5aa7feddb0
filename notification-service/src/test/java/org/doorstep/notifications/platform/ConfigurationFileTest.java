package org.doorstep.notifications.platform;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/** application.yml follows the shared conventions, and only the local profile relaxes the webhook rules. */
class ConfigurationFileTest {

    private final List<PropertySource<?>> documents;

    ConfigurationFileTest() throws IOException {
        documents = new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"));
    }

    private Object main(String key) {
        return documents.get(0).getProperty(key);
    }

    @Test
    void followsTheSharedConventions() {
        assertThat(main("server.port")).hasToString("${SERVER_PORT:8084}");
        assertThat(main("server.shutdown")).hasToString("graceful");
        assertThat(main("spring.mongodb.database")).hasToString("${MONGODB_DATABASE:notifications}");
        assertThat(main("spring.mongodb.uri")).hasToString("${MONGODB_URI:mongodb://localhost:27017}");
        assertThat(main("spring.kafka.bootstrap-servers")).hasToString("${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}");
        assertThat(main("spring.cloud.stream.kafka.binder.brokers")).hasToString("${spring.kafka.bootstrap-servers}");
        assertThat(main("management.endpoint.health.probes.enabled")).isEqualTo(true);
        assertThat(main("doorstep.operator-token")).hasToString("${DOORSTEP_OPERATOR_TOKEN:}");
        assertThat(main("spring.cloud.stream.kafka.bindings.deliverMatch-in-0.consumer.dlq-name"))
                .hasToString("doorstep.matches.v1.notification-service.dlq");
    }

    @Test
    void readinessFollowsTheStoreAndLivenessDoesNotAndTheStoreFailsFast() {
        assertThat(main("management.endpoint.health.group.readiness.include")).hasToString("readinessState,store");
        assertThat(main("management.endpoint.health.group.liveness.include")).isNull();
        assertThat(main("management.health.mongodb.enabled")).isEqualTo(false);
        assertThat(main("doorstep.store.timeout")).hasToString("${DOORSTEP_STORE_TIMEOUT:2s}");
        assertThat(main("spring.webflux.problemdetails.enabled")).isEqualTo(true);
    }

    @Test
    void seekerTokensUseSeekersServicesPropertiesAndDefaults() {
        assertThat(main("doorstep.seeker-tokens.issuer")).hasToString("${DOORSTEP_SEEKER_JWT_ISSUER:doorstep-seekers}");
        assertThat(main("doorstep.seeker-tokens.audience")).hasToString("${DOORSTEP_SEEKER_JWT_AUDIENCE:doorstep}");
        assertThat(main("doorstep.seeker-tokens.ttl")).hasToString("${DOORSTEP_SEEKER_JWT_TTL:30d}");
        assertThat(main("doorstep.seeker-tokens.clock-skew")).hasToString("${DOORSTEP_SEEKER_JWT_CLOCK_SKEW:60s}");
        assertThat(main("doorstep.stream.max-per-seeker")).hasToString("${DOORSTEP_SSE_MAX_PER_SEEKER:5}");
    }

    @Test
    void theLiveFeedIsReadInBatchesThatNeverWaitToFill() {
        assertThat(main("spring.cloud.stream.bindings.followFeed-in-0.consumer.batch-mode")).isEqualTo(true);
        String consumer = "spring.cloud.stream.kafka.bindings.followFeed-in-0.consumer.configuration.";
        assertThat(main(consumer + "fetch.min.bytes")).isEqualTo(1);
        assertThat((Integer) main(consumer + "fetch.max.wait.ms")).isLessThanOrEqualTo(500);
    }

    @Test
    void onlyTheLocalProfileAllowsPlainHttpAndLoopbackWebhooks() {
        assertThat(main("doorstep.webhooks.allow-loopback")).isEqualTo(false);
        assertThat(main("doorstep.webhooks.allow-plain-http-localhost")).isEqualTo(false);
        PropertySource<?> local = documents.stream()
                .filter(d -> "local".equals(d.getProperty("spring.config.activate.on-profile"))).findFirst().orElseThrow();
        assertThat(local.getProperty("doorstep.webhooks.allow-loopback")).isEqualTo(true);
        assertThat(local.getProperty("doorstep.webhooks.allow-plain-http-localhost")).isEqualTo(true);
    }
}
