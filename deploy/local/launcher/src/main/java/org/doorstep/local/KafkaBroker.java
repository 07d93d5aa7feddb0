package org.doorstep.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A real Apache Kafka broker in KRaft combined mode, run from the Kafka jars on the launcher's
 * classpath, with its log directory under the platform home. Formats the storage once, then starts
 * {@code kafka.Kafka}; creates the platform's topics with the cleanup policies of DESIGN section 4.
 */
final class KafkaBroker {

    /** Topics with their cleanup policy and retention; all with {@link #PARTITIONS} partitions. */
    static final List<TopicPlan> TOPICS = List.of(
            TopicPlan.compacted("doorstep.postings.v1"),
            TopicPlan.compacted("doorstep.partners.v1"),
            // a seeker's personal data: an erased seeker's older records compacted away within a day (deploy/k8s too)
            TopicPlan.compactedWithin("doorstep.seekers.v1", Duration.ofDays(1)),
            TopicPlan.compactedWithin("doorstep.seeker-preferences.v1", Duration.ofDays(1)),
            TopicPlan.deleted("doorstep.matches.v1", Duration.ofDays(7)),
            // which of a partner's postings are the same job as others' (matching to postings): the latest per posting
            TopicPlan.compacted("doorstep.posting-duplicates.v1"),
            // keyed by matchId: an erased seeker's matches get tombstones, compacted within a day (deploy/k8s too)
            TopicPlan.compactedAndDeleted("doorstep.feedback.v1", Duration.ofDays(30), Duration.ofDays(1)),
            // applications as the app asked for them (no personal data), for seekers-service to make the packets
            TopicPlan.deleted("doorstep.application-requests.v1", Duration.ofDays(30)),
            // the packets (name and contact with consent): withdrawn and erased ones compacted away within a day
            TopicPlan.compactedWithin("doorstep.applications.v1", Duration.ofDays(1)),
            // internal to notification-service: its instances' live-push broadcast (deploy/k8s declares it too)
            TopicPlan.deleted("doorstep.notification-feed.v1", Duration.ofHours(1)));
    static final int PARTITIONS = 3;

    private final PlatformSettings settings;
    private final Path dir;

    KafkaBroker(PlatformSettings settings) {
        this.settings = settings;
        this.dir = settings.home().resolve("kafka");
    }

    ManagedProcess start() {
        Path config = writeConfig();
        if (!Files.exists(dir.resolve("data/meta.properties"))) {
            format(config);
        }
        return ManagedProcess.start("kafka", settings.javaCommand(), settings.home(),
                JvmOptions.of(List.of("-Xms256m", "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-cp", settings.launcherClasspath()), System.getenv("DOORSTEP_KAFKA_JVM_OPTIONS")),
                List.of("kafka.Kafka", config.toString()), Map.of(), settings.logs().resolve("kafka.log"));
    }

    private Path writeConfig() {
        int port = settings.kafkaPort();
        int controller = settings.kafkaControllerPort();
        String properties = """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%d
                listeners=PLAINTEXT://127.0.0.1:%d,CONTROLLER://127.0.0.1:%d
                advertised.listeners=PLAINTEXT://127.0.0.1:%d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%s
                num.partitions=%d
                auto.create.topics.enable=true
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.cleaner.enable=true
                """.formatted(controller, port, controller, port, dir.resolve("data"), PARTITIONS);
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("server.properties");
            Files.writeString(file, properties);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void format(Path config) {
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        List<String> command = List.of(settings.javaCommand(), "-cp", settings.launcherClasspath(),
                "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.logs().resolve("kafka-format.log").toFile()))
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new PlatformException("Formatting Kafka storage failed; see " + settings.logs().resolve("kafka-format.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("Interrupted while formatting Kafka storage");
        }
    }

    /** True once the broker answers a metadata request. */
    boolean answers() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }

    /** Creates the platform's topics that do not exist yet. */
    void createTopics() {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = TOPICS.stream()
                    .filter(plan -> !existing.contains(plan.name()))
                    .map(plan -> new NewTopic(plan.name(), PARTITIONS, (short) 1).configs(plan.configs()))
                    .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new PlatformException("Could not create the Kafka topics: " + e.getMessage(), e);
        }
    }

    private Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        return Admin.create(properties);
    }

    record TopicPlan(String name, Map<String, String> configs) {

        static TopicPlan compacted(String name) {
            return new TopicPlan(name, Map.of("cleanup.policy", "compact"));
        }

        /**
         * Compacted, and no record outlives a later one of its key by more than {@code maxLag}: the broker rolls the
         * segment that long after its first record and compacts it whatever its dirty ratio.
         */
        static TopicPlan compactedWithin(String name, Duration maxLag) {
            return new TopicPlan(name, Map.of("cleanup.policy", "compact",
                    "max.compaction.lag.ms", String.valueOf(maxLag.toMillis())));
        }

        /** Deleted after {@code retention}, and compacted within {@code maxLag} before that. */
        static TopicPlan compactedAndDeleted(String name, Duration retention, Duration maxLag) {
            return new TopicPlan(name, Map.of("cleanup.policy", "compact,delete",
                    "retention.ms", String.valueOf(retention.toMillis()),
                    "max.compaction.lag.ms", String.valueOf(maxLag.toMillis())));
        }

        static TopicPlan deleted(String name, Duration retention) {
            return new TopicPlan(name, Map.of("cleanup.policy", "delete",
                    "retention.ms", String.valueOf(retention.toMillis())));
        }
    }
}
