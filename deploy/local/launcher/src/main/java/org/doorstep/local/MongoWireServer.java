package org.doorstep.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.doorstep.local.store.JournaledBackend;

/**
 * The local platform's MongoDB endpoint, run as its own process: {@code MongoWireServer <port> <folder> [journal|h2]}.
 * By default the wire server's memory backend made durable by an append-only journal in {@code <folder>}
 * ({@link JournaledBackend}); {@code h2} keeps the data in the H2 file backend instead (4 to 10 times slower
 * per write; see the README, "The local store").
 */
public final class MongoWireServer {

    private MongoWireServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path folder = Path.of(args[1]);
        String kind = args.length > 2 ? args[2] : "journal";
        Files.createDirectories(folder);
        MongoBackend backend = switch (kind) {
            case "journal" -> JournaledBackend.open(folder.resolve("doorstep.journal"));
            case "h2" -> new H2Backend(folder.resolve("doorstep.mv").toString());
            default -> throw new IllegalArgumentException("store kind " + kind + ": expected journal or h2");
        };
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            backend.close();
            stopped.countDown();
        }, "mongo-wire-stop"));
        System.out.println("MongoDB-wire server (" + kind + ", " + folder + ") listening on 127.0.0.1:" + port);
        stopped.await();
    }
}
