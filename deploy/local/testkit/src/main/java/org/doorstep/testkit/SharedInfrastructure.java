package org.doorstep.testkit;

import java.net.InetSocketAddress;
import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The Kafka broker and MongoDB endpoint of one test JVM. Testcontainers where a Docker engine is
 * available; otherwise an embedded KRaft broker and the MongoDB wire-protocol server (memory
 * backend), both reached over TCP by the real clients. Started lazily, once; stopped when the JVM exits.
 */
public final class SharedInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(SharedInfrastructure.class);
    private static final int PARTITIONS = 3;
    private static volatile SharedInfrastructure instance;

    private final String bootstrapServers;
    private final String mongoUri;

    private SharedInfrastructure(String bootstrapServers, String mongoUri) {
        this.bootstrapServers = bootstrapServers;
        this.mongoUri = mongoUri;
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
        return new SharedInfrastructure(kafka.getBootstrapServers(), stripDatabase(mongo.getConnectionString()));
    }

    private static SharedInfrastructure startEmbedded() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", String.valueOf(PARTITIONS),
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        InetSocketAddress address = mongo.getLocalAddress();
        Runtime.getRuntime().addShutdownHook(new Thread(mongo::shutdownNow, "testkit-mongo-stop"));
        log.info("Test infrastructure: embedded KRaft broker {} and MongoDB-wire server {}",
                broker.getBrokersAsString(), address);
        return new SharedInfrastructure(broker.getBrokersAsString(),
                "mongodb://127.0.0.1:" + address.getPort());
    }

    private static String stripDatabase(String connectionString) {
        int slash = connectionString.indexOf('/', "mongodb://".length());
        return slash < 0 ? connectionString : connectionString.substring(0, slash);
    }
}
