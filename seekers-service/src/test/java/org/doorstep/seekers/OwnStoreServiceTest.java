package org.doorstep.seekers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.doorstep.testkit.DoorstepInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one extra Spring context: the service with the shipped settings (no raised limits) over the shared broker
 * and its own MongoDB-wire server, which a test may stop and start again on the same port and file (data kept,
 * like a real store restarting). Classes extending this share the context; they must leave the store running.
 */
@DoorstepInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
public abstract class OwnStoreServiceTest {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path DATA;
    private static final int STORE_PORT;
    private static MongoServer store;

    static {
        try {
            DATA = Files.createTempDirectory("seekers-own-store").resolve("store.mv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store = new MongoServer(new H2Backend(DATA.toString()));
        store.bind("127.0.0.1", 0);
        STORE_PORT = store.getLocalAddress().getPort();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> store.shutdownNow(), "own-store-stop"));
    }

    @DynamicPropertySource
    static void ownStore(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + STORE_PORT);
    }

    @LocalServerPort
    protected int port;

    protected WebTestClient http;

    @Autowired
    void client(WebTestClient client) {
        http = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
    }

    protected static synchronized void stopStore() {
        store.shutdownNow();
    }

    protected static synchronized void startStore() {
        store = new MongoServer(new H2Backend(DATA.toString()));
        store.bind("127.0.0.1", STORE_PORT);
    }

    /** A client connecting from another loopback address (127.0.0.2 and up): another client to the service. */
    protected WebTestClient clientAt(String loopbackAddress) {
        HttpClient connector = HttpClient.create().bindAddress(() -> new InetSocketAddress(loopbackAddress, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(connector))
                .baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(60)).build();
    }

    protected static WebTestClient.ResponseSpec register(WebTestClient client) {
        return client.post().uri("/api/v1/seekers").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
    }

    /** Registers with {@code client} and returns the new seeker's token. */
    protected static String registeredToken(WebTestClient client) {
        String body = register(client).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        JsonNode registration = JSON.readTree(body);
        return registration.get("token").stringValue();
    }

    protected static WebTestClient.ResponseSpec me(WebTestClient client, String token) {
        return client.get().uri("/api/v1/seekers/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }
}
