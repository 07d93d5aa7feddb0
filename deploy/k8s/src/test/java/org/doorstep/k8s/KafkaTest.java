package org.doorstep.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerType;

import org.doorstep.k8s.render.Yaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Strimzi Kafka in KRaft mode behind one TLS listener, the topics of DESIGN 4 and their dead-letter topics. */
class KafkaTest {

    private static final long SEVEN_DAYS_MS = 7L * 24 * 60 * 60 * 1000;

    /** DESIGN 4: topic → cleanup policy. */
    private static final Map<String, String> DESIGN_TOPICS = Map.of(
            "doorstep.postings.v1", "compact",
            "doorstep.partners.v1", "compact",
            "doorstep.seekers.v1", "compact",
            "doorstep.seeker-preferences.v1", "compact",
            "doorstep.matches.v1", "delete",
            "doorstep.feedback.v1", "compact,delete",
            "doorstep.application-requests.v1", "delete",
            "doorstep.applications.v1", "compact",
            "doorstep.posting-duplicates.v1", "compact");

    /**
     * Topics internal to one service (not in the contract): notification-service's instances tell each other the
     * feed events they stored, for the live streams the others hold; read from the end, kept an hour.
     */
    private static final Map<String, String> INTERNAL_TOPICS = Map.of("doorstep.notification-feed.v1", "delete");

    /**
     * The compacted topics that carry a seeker's personal data under the seeker's id, or (feedback) under the ids of
     * the seeker's matches, or (applications) under the ids of the seeker's applications.
     */
    private static final Set<String> SEEKER_DATA_TOPICS = Set.of("doorstep.seekers.v1", "doorstep.seeker-preferences.v1",
            "doorstep.feedback.v1", "doorstep.applications.v1");

    private static final long ONE_DAY_MS = 24L * 60 * 60 * 1000;

    /** DESIGN 4, &lt;topic&gt;.&lt;group&gt;.dlq: kept two weeks (see kafka/dead-letter-topics.yaml). */
    private static final long DEAD_LETTER_RETENTION_MS = 14L * 24 * 60 * 60 * 1000;

    static List<Manifests> renders() {
        return Manifests.all();
    }

    /** The dead-letter topics the services' bindings name (dlq-name in their application.yml). */
    static Set<String> deadLetterTopics(Manifests manifests) {
        Set<String> topics = new TreeSet<>();
        for (String service : Manifests.SERVICES) {
            topics.addAll(KafkaBindings.of(manifests, service).deadLetterTopics());
        }
        return topics;
    }

    @ParameterizedTest
    @MethodSource("renders")
    void declaresExactlyTheTopicsOfTheDesignWithTheirCleanupPolicies(Manifests manifests) {
        Map<String, String> declared = new TreeMap<>();
        for (GenericKubernetesResource topic : manifests.custom("KafkaTopic")) {
            declared.put(topicName(topic), Tree.string(topic, "spec", "config", "cleanup.policy"));
        }

        Map<String, String> expected = new TreeMap<>(DESIGN_TOPICS);
        expected.putAll(INTERNAL_TOPICS);
        Set<String> deadLetters = deadLetterTopics(manifests);
        assertThat(deadLetters).hasSize(9);
        deadLetters.forEach(topic -> expected.put(topic, "delete"));
        assertThat(declared).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("renders")
    void keepsMatchesSevenDaysAndNeverDeletesTheCompactedState(Manifests manifests) {
        GenericKubernetesResource matches = manifests.oneCustom("KafkaTopic", "doorstep.matches.v1");
        assertThat(number(Tree.at(matches, "spec", "config", "retention.ms"))).isEqualTo(SEVEN_DAYS_MS);

        Set<String> deadLetters = deadLetterTopics(manifests);
        for (GenericKubernetesResource topic : manifests.custom("KafkaTopic")) {
            if (deadLetters.contains(topicName(topic))) {
                assertThat(number(Tree.at(topic, "spec", "config", "retention.ms"))).as(topicName(topic))
                        .isEqualTo(DEAD_LETTER_RETENTION_MS);
            } else if (INTERNAL_TOPICS.containsKey(topicName(topic))) {
                assertThat(number(Tree.at(topic, "spec", "config", "retention.ms"))).as(topicName(topic)).isPositive();
            } else if (DESIGN_TOPICS.get(topicName(topic)).equals("compact")) {
                assertThat(Tree.at(topic, "spec", "config", "retention.ms")).as(topicName(topic)).isNull();
            } else {
                assertThat(number(Tree.at(topic, "spec", "config", "retention.ms"))).as(topicName(topic))
                        .isGreaterThanOrEqualTo(SEVEN_DAYS_MS);
            }
        }
    }

    /**
     * Erasure: an erased seeker's older records on a compacted topic are compacted away within a day (the broker rolls
     * the segment and compacts it, whatever its dirty ratio, once its first record is that old); the tombstone stays a
     * day more for consumers catching up.
     */
    @ParameterizedTest
    @MethodSource("renders")
    void compactsAnErasedSeekersOlderRecordsAwayWithinADay(Manifests manifests) {
        for (String name : SEEKER_DATA_TOPICS) {
            GenericKubernetesResource topic = manifests.oneCustom("KafkaTopic", name);
            assertThat(Tree.string(topic, "spec", "config", "cleanup.policy")).as(name).startsWith("compact");
            assertThat(number(Tree.at(topic, "spec", "config", "max.compaction.lag.ms"))).as(name).isEqualTo(ONE_DAY_MS);
            assertThat(number(Tree.at(topic, "spec", "config", "delete.retention.ms"))).as(name).isEqualTo(ONE_DAY_MS);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void agreesWithTheAsyncApiContractOnEveryTopic() {
        Path contract = Path.of(System.getProperty("doorstep.contracts",
                Manifests.MODULE.resolve("../../contracts").normalize().toString())).resolve("asyncapi.yaml");
        Map<String, Object> channels = (Map<String, Object>) Yaml.loadAll(contract).getFirst().get("channels");
        Manifests base = Manifests.base();

        assertThat(channels).isNotEmpty();
        assertThat(channels.values()).extracting(channel -> ((Map<String, Object>) channel).get("address"))
                .containsExactlyInAnyOrderElementsOf(base.custom("KafkaTopic").stream().map(KafkaTest::topicName)
                        .filter(name -> !INTERNAL_TOPICS.containsKey(name) && !name.endsWith(".dlq")).toList());
        for (Object value : channels.values()) {
            Map<String, Object> channel = (Map<String, Object>) value;
            Map<String, Object> kafka = (Map<String, Object>) ((Map<String, Object>) channel.get("bindings")).get("kafka");
            Map<String, Object> configuration = (Map<String, Object>) kafka.get("topicConfiguration");
            GenericKubernetesResource topic = base.oneCustom("KafkaTopic", (String) channel.get("address"));
            String name = topicName(topic);

            assertThat(List.of(Tree.string(topic, "spec", "config", "cleanup.policy").split(","))).as(name)
                    .isEqualTo(configuration.get("cleanup.policy"));
            if (configuration.containsKey("retention.ms")) {
                assertThat(number(Tree.at(topic, "spec", "config", "retention.ms"))).as(name)
                        .isEqualTo(number(configuration.get("retention.ms")));
            }
            assertThat(Tree.integer(topic, "spec", "partitions")).as(name)
                    .isGreaterThanOrEqualTo(((Number) kafka.get("partitions")).intValue());
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void runsKafkaInKRaftModeOnANodePoolOfControllersAndBrokers(Manifests manifests) {
        GenericKubernetesResource kafka = manifests.custom("Kafka").getFirst();
        List<GenericKubernetesResource> pools = manifests.custom("KafkaNodePool");

        assertThat(manifests.custom("Kafka")).hasSize(1);
        assertThat(Tree.at(kafka, "spec", "zookeeper")).as("no ZooKeeper in KRaft mode").isNull();
        assertThat(kafka.getMetadata().getAnnotations()).containsEntry("strimzi.io/kraft", "enabled")
                .containsEntry("strimzi.io/node-pools", "enabled");
        assertThat(pools).isNotEmpty().allSatisfy(pool -> assertThat(pool.getMetadata().getLabels())
                .containsEntry("strimzi.io/cluster", kafka.getMetadata().getName()));
        List<Object> roles = pools.stream().flatMap(pool -> ((List<?>) Tree.at(pool, "spec", "roles")).stream())
                .map(Object.class::cast).toList();
        assertThat(roles).contains("controller", "broker");
        assertThat(Tree.at(kafka, "spec", "kafka", "config", "auto.create.topics.enable")).isEqualTo(false);
    }

    @ParameterizedTest
    @MethodSource("renders")
    void attachesEveryTopicToTheKafkaCluster(Manifests manifests) {
        String cluster = manifests.custom("Kafka").getFirst().getMetadata().getName();
        assertThat(manifests.custom("KafkaTopic")).allSatisfy(topic -> assertThat(topic.getMetadata().getLabels())
                .as(topicName(topic)).containsEntry("strimzi.io/cluster", cluster));
    }

    @ParameterizedTest
    @MethodSource("renders")
    void replicatesEveryTopicOnNoMoreNodesThanThereAreAndAcknowledgesWritesOnMoreThanOneWhereItCan(Manifests manifests) {
        int nodes = manifests.custom("KafkaNodePool").stream().mapToInt(pool -> Tree.integer(pool, "spec", "replicas")).sum();
        GenericKubernetesResource kafka = manifests.custom("Kafka").getFirst();
        Map<String, Object> config = Tree.map(kafka, "spec", "kafka", "config");

        for (String key : List.of("default.replication.factor", "offsets.topic.replication.factor",
                "transaction.state.log.replication.factor", "share.coordinator.state.topic.replication.factor")) {
            assertThat(((Number) config.get(key)).intValue()).as(key).isBetween(1, nodes);
        }
        for (GenericKubernetesResource topic : manifests.custom("KafkaTopic")) {
            int replicas = Tree.integer(topic, "spec", "replicas");
            int minInSync = ((Number) Tree.at(topic, "spec", "config", "min.insync.replicas")).intValue();
            assertThat(replicas).as(topicName(topic)).isBetween(1, nodes);
            if (nodes >= 3) {
                assertThat(replicas).as(topicName(topic) + " survives losing a node").isGreaterThanOrEqualTo(3);
                assertThat(minInSync).as(topicName(topic) + " acks=all waits for two copies").isEqualTo(replicas - 1);
            } else {
                assertThat(minInSync).as(topicName(topic)).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void givesEveryDeadLetterTopicThePartitionsOfItsSource(Manifests manifests) {
        for (String topic : deadLetterTopics(manifests)) {
            String source = topic.substring(0, topic.indexOf(".v1.") + ".v1".length());
            // the binder's dead-letter publisher keeps the partition number of the failed record
            assertThat(Tree.integer(manifests.oneCustom("KafkaTopic", topic), "spec", "partitions")).as(topic)
                    .isEqualTo(Tree.integer(manifests.oneCustom("KafkaTopic", source), "spec", "partitions"));
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void offersOnlyATlsListenerWithScramAuthentication(Manifests manifests) {
        List<GenericKafkaListener> listeners = StrimziModel.kafka(manifests).getSpec().getKafka().getListeners();

        assertThat(listeners).hasSize(1).allSatisfy(listener -> {
            assertThat(listener.isTls()).as(listener.getName() + " encrypts").isTrue();
            assertThat(listener.getType()).isEqualTo(KafkaListenerType.INTERNAL);
            assertThat(listener.getAuth()).as(listener.getName() + " authenticates")
                    .isInstanceOf(KafkaListenerAuthenticationScramSha512.class);
        });
    }

    @ParameterizedTest
    @MethodSource("renders")
    void pointsEveryServiceAtTheBootstrapServiceOfTheTlsListener(Manifests manifests) {
        Kafka kafka = StrimziModel.kafka(manifests);
        GenericKafkaListener tls = kafka.getSpec().getKafka().getListeners().stream()
                .filter(listener -> listener.isTls() && listener.getType() == KafkaListenerType.INTERNAL)
                .findFirst().orElseThrow();
        String bootstrap = kafka.getMetadata().getName() + "-kafka-bootstrap:" + tls.getPort();

        for (String service : Manifests.SERVICES) {
            assertThat(Workloads.environment(manifests, Workloads.serviceContainer(manifests, service))
                    .get("KAFKA_BOOTSTRAP_SERVERS")).as(service).isEqualTo(bootstrap);
        }
    }

    static String topicName(GenericKubernetesResource topic) {
        String explicit = Tree.string(topic, "spec", "topicName");
        return explicit != null ? explicit : topic.getMetadata().getName();
    }

    private static long number(Object value) {
        assertThat(value).isInstanceOf(Number.class);
        return ((Number) value).longValue();
    }
}
