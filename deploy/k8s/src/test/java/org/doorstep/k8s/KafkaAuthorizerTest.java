package org.doorstep.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.doorstep.k8s.KafkaAccess.Grant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The KafkaUsers' ACLs as Kafka's own authorizer (StandardAuthorizer, what {@code authorization: simple} runs on a
 * KRaft broker) decides them: every service may do its flows, and nothing else on any topic or group.
 */
class KafkaAuthorizerTest {

    private static final Set<AclOperation> TOPIC_OPERATIONS = EnumSet.of(AclOperation.READ, AclOperation.WRITE,
            AclOperation.DESCRIBE, AclOperation.CREATE, AclOperation.DELETE, AclOperation.ALTER,
            AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS);
    /** A pod name as Kubernetes gives one to a matching-service replica, for its seekers group. */
    private static final String POD = "matching-service-6d5f8b7c9-x2kqp";

    static List<Manifests> renders() {
        return Manifests.all();
    }

    @ParameterizedTest
    @MethodSource("renders")
    void letsOnlyMatchingServiceReadTheSeekersTopicAndNobodyItsDeadLetters(Manifests manifests) {
        KafkaAuthorizer kafka = authorizer(manifests);

        assertThat(principals(manifests)).filteredOn(user -> kafka.allows(user, ResourceType.TOPIC, KafkaAccess.SEEKERS,
                AclOperation.READ)).containsExactly("matching-service");
        assertThat(principals(manifests)).filteredOn(user -> kafka.allows(user, ResourceType.TOPIC,
                KafkaAccess.SEEKERS + ".matching.dlq", AclOperation.READ)).isEmpty();
        assertThat(principals(manifests)).filteredOn(user -> kafka.allows(user, ResourceType.TOPIC,
                KafkaAccess.SEEKER_PREFERENCES, AclOperation.READ)).containsExactly("notification-service");
        KafkaAccess.READ_ONLY_BY.forEach((topic, reader) -> assertThat(principals(manifests))
                .filteredOn(user -> kafka.allows(user, ResourceType.TOPIC, topic, AclOperation.READ)).as(topic)
                .containsExactly(reader));
    }

    @ParameterizedTest
    @MethodSource("renders")
    void allowsEachUserExactlyItsOperationsOnEveryTopic(Manifests manifests) {
        KafkaAuthorizer kafka = authorizer(manifests);
        List<String> topics = StrimziModel.all(manifests, KafkaTopic.class).stream().map(StrimziModel::topicName).toList();
        for (KafkaUser user : StrimziModel.all(manifests, KafkaUser.class)) {
            String name = user.getMetadata().getName();
            Set<Grant> grants = KafkaAccess.granted(user);
            for (String topic : topics) {
                Set<AclOperation> expected = EnumSet.noneOf(AclOperation.class);
                if (grants.contains(Grant.topic(topic, "Read"))) {
                    expected.addAll(List.of(AclOperation.READ, AclOperation.DESCRIBE));
                }
                if (grants.contains(Grant.topic(topic, "Write"))) {
                    expected.addAll(List.of(AclOperation.WRITE, AclOperation.DESCRIBE));
                }
                if (grants.contains(Grant.topic(topic, "Describe"))) {
                    expected.add(AclOperation.DESCRIBE);
                }
                Set<AclOperation> allowed = EnumSet.noneOf(AclOperation.class);
                TOPIC_OPERATIONS.stream().filter(operation -> kafka.allows(name, ResourceType.TOPIC, topic, operation))
                        .forEach(allowed::add);

                assertThat(allowed).as(name + " on " + topic).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void letsEveryServiceJoinItsOwnConsumerGroupsAndNoOtherServices(Manifests manifests) {
        KafkaAuthorizer kafka = authorizer(manifests);
        List<String> groups = new ArrayList<>();
        for (String service : Manifests.SERVICES) {
            groups.addAll(groupsOf(manifests, service));
        }
        assertThat(groups).contains("matching", "matching-" + POD, "notification-service");

        for (String service : Manifests.SERVICES) {
            List<String> own = groupsOf(manifests, service);
            for (String group : groups) {
                assertThat(kafka.allows(service, ResourceType.GROUP, group, AclOperation.READ))
                        .as(service + " in group " + group).isEqualTo(own.contains(group));
            }
            assertThat(kafka.allows(service, ResourceType.GROUP, "doorstep-intruder", AclOperation.READ)).as(service)
                    .isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void givesEveryPublishingServiceAnIdempotentProducerAndNobodyTheClusterOrTopicCreation(Manifests manifests) {
        KafkaAuthorizer kafka = authorizer(manifests);
        for (String service : Manifests.SERVICES) {
            // every service publishes through an idempotent producer (acks=all, DESIGN 4)
            assertThat(kafka.allowsIdempotentProducer(service)).as(service).isTrue();
        }
        for (String user : principals(manifests)) {
            assertThat(kafka.allows(user, ResourceType.CLUSTER, "kafka-cluster", AclOperation.CREATE))
                    .as(user + " may create topics").isFalse();
            assertThat(kafka.allows(user, ResourceType.TOPIC, "doorstep.typo.v1", AclOperation.CREATE))
                    .as(user + " may create a topic").isFalse();
        }
        assertThat(kafka.allowsIdempotentProducer("keda")).as("KEDA only describes").isFalse();
    }

    private static KafkaAuthorizer authorizer(Manifests manifests) {
        return new KafkaAuthorizer(StrimziModel.all(manifests, KafkaUser.class));
    }

    /** The KafkaUsers, and principals without one: the unauthenticated and an unknown user. */
    private static List<String> principals(Manifests manifests) {
        Set<String> principals = new TreeSet<>(List.of("ANONYMOUS", "intruder"));
        StrimziModel.all(manifests, KafkaUser.class).forEach(user -> principals.add(user.getMetadata().getName()));
        return List.copyOf(principals);
    }

    /** The groups a service's bindings join, with a real pod name and a real anonymous group name filled in. */
    private static List<String> groupsOf(Manifests manifests, String service) {
        return KafkaBindings.of(manifests, service).consumers().stream()
                .map(binding -> binding.group() == null ? KafkaAccess.ANONYMOUS_GROUP_PREFIX + "0b4e7d4c-9f5e-4d1e-a1f3-5b0c2d7e8a91"
                        : binding.group().replace("<field:metadata.name>", POD))
                .distinct().toList();
    }
}
