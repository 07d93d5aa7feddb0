package org.doorstep.matching.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.doorstep.matching.OwnInstance;
import org.doorstep.matching.TestEvents;
import org.doorstep.testkit.DoorstepInfrastructure;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Events consumed while the store is away are no fault of theirs: an instance of its own (own topics, database and
 * MongoDB-wire server) receives a posting and a seeker while its store is stopped; neither reaches a DLQ however
 * long the store stays away, and once the store is back both are matched. (Before, the binding's three attempts ran
 * out within seconds and sent them to the DLQ, lost: found by the system test StoreOutageSystemTest.)
 */
@DoorstepInfrastructure
class StoreAwayRetryTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String POSTED = "org.doorstep.posting.upserted.v1";
    private static final String SEEKER = "org.doorstep.seeker.upserted.v1";

    private final String prefix = "store-away-" + UUID.randomUUID().toString().substring(0, 8);
    private final int storePort = freePort();
    private final MongoBackend kept = kept(new MemoryBackend());

    @Test
    void retriesEventsConsumedWhileTheStoreIsAwayUntilItIsBackInsteadOfDeadLetteringThem() {
        String seeker = UUID.randomUUID().toString();
        String warmUp = UUID.randomUUID().toString();
        String posting = UUID.randomUUID().toString();
        String lateSeeker = UUID.randomUUID().toString();
        MongoServer store = startStore();
        try (TestEvents events = new TestEvents();
             ConfigurableApplicationContext context = start();
             TopicReader matches = TopicReader.of(prefix + ".matches");
             TopicReader postingsDlq = TopicReader.of(prefix + ".postings.matching.dlq");
             TopicReader seekersDlq = TopicReader.of(prefix + ".seekers.matching.dlq")) {
            events.send(prefix + ".seekers", SEEKER, seeker, TestEvents.seeker(seeker));
            events.send(prefix + ".postings", POSTED, warmUp, TestEvents.posting(warmUp));
            matches.await(r -> seeker.equals(r.key()) && TopicReader.value(r).contains(warmUp), WAIT);

            store.shutdownNow();
            events.send(prefix + ".postings", POSTED, posting, TestEvents.posting(posting));
            events.send(prefix + ".seekers", SEEKER, lateSeeker, TestEvents.seeker(lateSeeker));
            // three attempts, each waiting out the 2 s store timeout, used to end in the DLQ within about 7 s
            await().during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(40))
                    .until(() -> postingsDlq.poll().isEmpty() && seekersDlq.poll().isEmpty());
            store = startStore();

            matches.await(r -> seeker.equals(r.key()) && TopicReader.value(r).contains(posting), WAIT);
            matches.await(r -> lateSeeker.equals(r.key()) && TopicReader.value(r).contains(posting), WAIT);
            assertThat(postingsDlq.poll()).as("postings dead-lettered").isEmpty();
            assertThat(seekersDlq.poll()).as("seekers dead-lettered").isEmpty();
        } finally {
            store.shutdownNow();
        }
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
        return OwnInstance.start(prefix, "matching-" + prefix, "--spring.mongodb.uri=mongodb://127.0.0.1:" + storePort);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
