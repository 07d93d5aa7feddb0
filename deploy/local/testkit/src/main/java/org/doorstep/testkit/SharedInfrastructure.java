package org.doorstep.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The Kafka broker and MongoDB endpoint of one test JVM. Testcontainers where a Docker engine is
 * available; otherwise an embedded KRaft broker and the MongoDB wire-protocol server (memory
 * backend), both reached over TCP by the real clients. Started lazily, once; stopped when the JVM exits.
 * <p>
 * Fault tests take either away for a while and bring it back ({@link #storeDown()}, {@link #brokerDown()}):
 * embedded, the endpoint stops listening and its open connections close (a crashed or stopped server), and it
 * comes back on the same port with the data it had; with containers, the container is paused (an unanswering
 * server) and unpaused.
 */
public final class SharedInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(SharedInfrastructure.class);
    private static final int PARTITIONS = 3;
    private static volatile SharedInfrastructure instance;

    private final String bootstrapServers;
    private final String mongoUri;
    private final Outage store;
    private final Outage broker;

    private SharedInfrastructure(String bootstrapServers, String mongoUri, Outage store, Outage broker) {
        this.bootstrapServers = bootstrapServers;
        this.mongoUri = mongoUri;
        this.store = store;
        this.broker = broker;
    }

    public static SharedInfrastructure get() {
        SharedInfrastructure local = instance;
        if (local == null) {
            synchronized (SharedInfrastructure.class) {
                local = instance;
                if (local == null) {
                    local = start();
                    instance = local;
                }
            }
        }
        return local;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A MongoDB connection string without a database name; each service picks its own database. */
    public String mongoUri() {
        return mongoUri;
    }

    /** Takes the MongoDB endpoint away, keeping its data, until {@link #storeBack()}. */
    public void storeDown() {
        store.begin();
    }

    /** Brings the MongoDB endpoint back at the same address, with the data it had. */
    public void storeBack() {
        store.end();
    }

    /** Takes the Kafka broker away, keeping its log, until {@link #brokerBack()}. */
    public void brokerDown() {
        broker.begin();
    }

    /** Brings the Kafka broker back at the same address, with its log; returns once it serves again. */
    public void brokerBack() {
        broker.end();
    }

    private static SharedInfrastructure start() {
        if (!Boolean.getBoolean("doorstep.testkit.noDocker") && dockerAvailable()) {
            return startContainers();
        }
        return startEmbedded();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static SharedInfrastructure startContainers() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka-native:4.1.1");
        MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");
        kafka.start();
        mongo.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.stop();
            mongo.stop();
        }, "testkit-containers-stop"));
        log.info("Test infrastructure: Kafka and MongoDB containers");
        return new SharedInfrastructure(kafka.getBootstrapServers(), stripDatabase(mongo.getConnectionString()),
                new PausedContainer(mongo), new PausedContainer(kafka));
    }

    private static SharedInfrastructure startEmbedded() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", String.valueOf(PARTITIONS),
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        StoppableStore mongo = new StoppableStore(new MemoryBackend());
        Runtime.getRuntime().addShutdownHook(new Thread(mongo::shutdown, "testkit-mongo-stop"));
        log.info("Test infrastructure: embedded KRaft broker {} and MongoDB-wire server on port {}",
                broker.getBrokersAsString(), mongo.port);
        return new SharedInfrastructure(broker.getBrokersAsString(), "mongodb://127.0.0.1:" + mongo.port,
                mongo, new StoppableBroker(broker));
    }

    private static String stripDatabase(String connectionString) {
        int slash = connectionString.indexOf('/', "mongodb://".length());
        return slash < 0 ? connectionString : connectionString.substring(0, slash);
    }

    private interface Outage {
        void begin();

        void end();
    }

    /**
     * The MongoDB-wire server over a backend that outlives it: stopping closes the port and every client
     * connection (the server's own shutdown would close the backend too, so the server sees a backend whose
     * {@code close} does nothing); starting binds a new server on the same port over the same documents.
     */
    private static final class StoppableStore implements Outage {

        private final MongoBackend kept;
        private final int port;
        private MongoServer server;

        StoppableStore(MongoBackend backend) {
            this.kept = (MongoBackend) Proxy.newProxyInstance(MongoBackend.class.getClassLoader(),
                    new Class<?>[] {MongoBackend.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close") && method.getParameterCount() == 0) {
                            return null;
                        }
                        try {
                            return method.invoke(backend, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            this.server = new MongoServer(kept);
            server.bind("127.0.0.1", 0);
            this.port = server.getLocalAddress().getPort();
        }

        @Override
        public synchronized void begin() {
            if (server != null) {
                server.shutdownNow();
                server = null;
                log.info("MongoDB-wire server on port {} stopped (fault test)", port);
            }
        }

        @Override
        public synchronized void end() {
            if (server == null) {
                MongoServer started = new MongoServer(kept);
                started.bind("127.0.0.1", port);
                server = started;
                log.info("MongoDB-wire server on port {} started again (fault test)", port);
            }
        }

        synchronized void shutdown() {
            begin();
        }
    }

    /** The embedded broker's broker role shut down and started again; its controller, port and log stay. */
    private record StoppableBroker(EmbeddedKafkaKraftBroker broker) implements Outage {

        @Override
        public void begin() {
            synchronized (this.broker) {
                broker.getCluster().brokers().values().forEach(server -> server.shutdown());
                log.info("Kafka broker {} stopped (fault test)", broker.getBrokersAsString());
            }
        }

        @Override
        public void end() {
            synchronized (this.broker) {
                broker.getCluster().brokers().values().forEach(server -> server.startup());
                log.info("Kafka broker {} started again (fault test)", broker.getBrokersAsString());
            }
        }
    }

    /** A container paused (its endpoint accepts nothing and answers nothing) and unpaused. */
    private record PausedContainer(GenericContainer<?> container) implements Outage {

        @Override
        public void begin() {
            DockerClientFactory.instance().client().pauseContainerCmd(container.getContainerId()).exec();
        }

        @Override
        public void end() {
            DockerClientFactory.instance().client().unpauseContainerCmd(container.getContainerId()).exec();
        }
    }
}
