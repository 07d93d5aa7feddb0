package org.doorstep.notifications.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationsApplication;
import org.doorstep.notifications.Partners;
import org.doorstep.notifications.partner.ApiKeys;
import org.doorstep.testkit.DoorstepInfrastructure;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.node.ObjectNode;

/**
 * Partner and preference changes consumed while the store is away are no fault of theirs: an instance of its own
 * (own copy topics, group, database and MongoDB-wire server; the match bindings not started) receives a partner and
 * a seeker's preferences while its store is stopped; neither reaches a DLQ however long the store stays away, and
 * once it is back the partner's key is known. (Before, the binder's three attempts ran out within seconds and sent
 * both to the DLQ, the copy never learning them: found by the system test StoreOutageSystemTest.)
 */
@DoorstepInfrastructure
class StoreAwayCopyTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String prefix = "copy-away-" + UUID.randomUUID().toString().substring(0, 8);
    private final int storePort = freePort();
    private final int httpPort = freePort();
    private final MongoBackend kept = kept(new MemoryBackend());
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void retriesCopiesConsumedWhileTheStoreIsAwayUntilItIsBackInsteadOfDeadLetteringThem() {
        String warmUpKey = Partners.newKey();
        String lateKey = Partners.newKey();
        String warmUp = UUID.randomUUID().toString();
        String late = UUID.randomUUID().toString();
        MongoServer store = startStore();
        try (ConfigurableApplicationContext context = start();
             TopicReader partnersDlq = TopicReader.of(prefix + ".partners.notification-service.dlq");
             TopicReader preferencesDlq = TopicReader.of(prefix + ".preferences.notification-service.dlq")) {
            publishPartner(warmUp, warmUpKey);
            await().atMost(WAIT).until(() -> webhook(warmUpKey) != 401);

            store.shutdownNow();
            publishPartner(late, lateKey);
            ObjectNode preferences = Events.example("org.doorstep.seeker.preferences.v1");
            preferences.put("seekerId", UUID.randomUUID().toString());
            Events.send(prefix + ".preferences", preferences.path("seekerId").asString(), "org.doorstep.seeker.preferences.v1",
                    preferences.path("seekerId").asString(), preferences);
            // three attempts, each waiting out the 2 s store timeout, used to end in the DLQ within about 7 s
            await().during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(40))
                    .until(() -> partnersDlq.poll().isEmpty() && preferencesDlq.poll().isEmpty());
            store = startStore();

            await().atMost(WAIT).until(() -> webhook(lateKey) != 401);
            assertThat(partnersDlq.poll()).as("partners dead-lettered").isEmpty();
            assertThat(preferencesDlq.poll()).as("preferences dead-lettered").isEmpty();
        } finally {
            store.shutdownNow();
        }
    }

    private void publishPartner(String partnerId, String key) {
        ObjectNode partner = Events.example("org.doorstep.partner.upserted.v1");
        partner.put("partnerId", partnerId);
        partner.put("version", 1);
        partner.put("status", "ACTIVE");
        partner.put("updatedAt", Instant.now().toString());
        partner.putArray("apiKeys").addObject().put("keyId", key.substring(4, key.indexOf('_', 4)))
                .put("sha256", ApiKeys.sha256Hex(key));
        Events.send(prefix + ".partners", partnerId, "org.doorstep.partner.upserted.v1", partnerId, partner);
    }

    private int webhook(String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/partner/webhook"))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private MongoServer startStore() {
        MongoServer server = new MongoServer(kept);
        server.bind("127.0.0.1", storePort);
        return server;
    }

    /** The backend outlives its servers: stopping one (shutdownNow closes the backend) keeps the documents. */
    private static MongoBackend kept(MongoBackend backend) {
        return (MongoBackend) Proxy.newProxyInstance(MongoBackend.class.getClassLoader(), new Class<?>[] {MongoBackend.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        return null;
                    }
                    try {
                        return method.invoke(backend, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private ConfigurableApplicationContext start() {
        String group = "notification-" + prefix;
        return new SpringApplicationBuilder(NotificationsApplication.class).run("--server.port=" + httpPort,
                "--spring.mongodb.uri=mongodb://127.0.0.1:" + storePort,
                "--spring.mongodb.database=notifications-" + prefix,
                "--spring.cloud.stream.bindings.deliverMatch-in-0.consumer.auto-startup=false",
                "--spring.cloud.stream.bindings.followFeed-in-0.consumer.auto-startup=false",
                "--spring.cloud.stream.bindings.deliverMatch-in-0.group=" + group,
                "--spring.cloud.stream.bindings.copyPartner-in-0.group=" + group,
                "--spring.cloud.stream.bindings.copyPreferences-in-0.group=" + group,
                "--spring.cloud.stream.bindings.copyPartner-in-0.destination=" + prefix + ".partners",
                "--spring.cloud.stream.bindings.copyPreferences-in-0.destination=" + prefix + ".preferences",
                "--spring.cloud.stream.kafka.bindings.copyPartner-in-0.consumer.dlq-name=" + prefix + ".partners.notification-service.dlq",
                "--spring.cloud.stream.kafka.bindings.copyPreferences-in-0.consumer.dlq-name=" + prefix + ".preferences.notification-service.dlq",
                "--spring.cloud.stream.kafka.bindings.copyPartner-in-0.consumer.start-offset=earliest",
                "--spring.cloud.stream.kafka.bindings.copyPreferences-in-0.consumer.start-offset=earliest");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
