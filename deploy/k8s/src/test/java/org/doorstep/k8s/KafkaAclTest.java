package org.doorstep.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;

import org.doorstep.k8s.KafkaAccess.Flows;
import org.doorstep.k8s.KafkaAccess.Grant;
import org.doorstep.k8s.render.Yaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The KafkaUsers' ACLs give each service exactly what DESIGN 1 and 4 and its own bindings require: it writes what it
 * publishes and its dead letters, reads what it consumes in its own consumer groups, and nothing else. (How Kafka
 * decides on them, and that the seekers topic is readable by matching-service alone: KafkaAuthorizerTest.)
 */
class KafkaAclTest {

    private static final Path DESIGN_DOCUMENT = Path.of(System.getProperty("doorstep.design",
            Manifests.MODULE.resolve("../../../shared/DESIGN.md").normalize().toString()));

    static List<Manifests> renders() {
        return Manifests.all();
    }

    @ParameterizedTest
    @MethodSource("renders")
    void grantsEachServiceExactlyTheAccessItsFlowsRequire(Manifests manifests) {
        for (String service : Manifests.SERVICES) {
            KafkaUser user = StrimziModel.one(manifests, KafkaUser.class, service);
            Set<Grant> required = KafkaAccess.required(service, KafkaBindings.of(manifests, service));

            assertThat(KafkaAccess.granted(user)).as(service).containsExactlyElementsOf(required);
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void grantsNobodyTheRightToCreateDeleteOrReconfigureTopicsOrToActOnTheCluster(Manifests manifests) {
        for (KafkaUser user : StrimziModel.all(manifests, KafkaUser.class)) {
            for (Grant grant : KafkaAccess.granted(user)) {
                assertThat(grant.resourceType()).as(user.getMetadata().getName() + " " + grant).isIn("topic", "group");
                assertThat(grant.operation()).as(user.getMetadata().getName() + " " + grant)
                        .isIn("Read", "Write", "Describe");
                assertThat(grant.name()).as(user.getMetadata().getName() + " " + grant).isNotIn("*", "");
            }
            for (AclRule rule : KafkaAccess.rules(user)) {
                assertThat(rule.getHost()).as(user.getMetadata().getName()).isIn(null, "*");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void namesOnlyTopicsThatExistInTheAcls(Manifests manifests) {
        Set<String> topics = new HashSet<>();
        StrimziModel.all(manifests, KafkaTopic.class).forEach(topic -> topics.add(StrimziModel.topicName(topic)));
        for (KafkaUser user : StrimziModel.all(manifests, KafkaUser.class)) {
            for (AclRule rule : KafkaAccess.rules(user)) {
                if (rule.getResource() instanceof AclRuleTopicResource topic) {
                    assertThat(topic.getName()).as(user.getMetadata().getName() + ": a typo would grant nothing")
                            .isIn(topics);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void givesEveryUserScramCredentialsOnTheClusterThatAuthorisesByAcl(Manifests manifests) {
        Kafka kafka = StrimziModel.kafka(manifests);
        assertThat(kafka.getSpec().getKafka().getAuthorization().getType()).isEqualTo("simple");
        assertThat(kafka.getSpec().getEntityOperator().getUserOperator()).as("the User Operator").isNotNull();
        for (KafkaUser user : StrimziModel.all(manifests, KafkaUser.class)) {
            assertThat(user.getMetadata().getLabels()).as(user.getMetadata().getName())
                    .containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
            assertThat(user.getSpec().getAuthentication()).as(user.getMetadata().getName())
                    .isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
        }
        assertThat(StrimziModel.all(manifests, KafkaUser.class)).extracting(user -> user.getMetadata().getName())
                .containsExactlyInAnyOrder("postings-service", "seekers-service", "matching-service",
                        "notification-service", "keda");
    }

    @ParameterizedTest
    @MethodSource("renders")
    void letsKedaDescribeOnlyTheTopicsAndGroupsItsLagTriggersWatch(Manifests manifests) {
        Set<Grant> required = new TreeSet<>();
        for (String service : ScalingTest.LAG_TOPICS.keySet()) {
            Map<String, Object> trigger = ScalingTest.kafkaTrigger(manifests, service);
            required.add(Grant.topic((String) trigger.get("topic"), "Describe"));
            required.add(Grant.group("literal", (String) trigger.get("consumerGroup"), "Describe"));
        }

        assertThat(KafkaAccess.granted(StrimziModel.one(manifests, KafkaUser.class, "keda")))
                .containsExactlyElementsOf(required);
    }

    @ParameterizedTest
    @MethodSource("renders")
    void consumesWhatDesignOneSaysEachServiceConsumesAndNothingElse(Manifests manifests) {
        for (String service : Manifests.SERVICES) {
            Set<String> expected = new TreeSet<>(KafkaAccess.DESIGN.get(service).consumes());
            KafkaAccess.INTERNAL.forEach((topic, owner) -> {
                if (owner.equals(service)) {
                    expected.add(topic);
                }
            });
            List<String> consumed = KafkaBindings.of(manifests, service).consumedTopics();

            assertThat(new TreeSet<>(consumed)).as(service + "'s bindings").isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void sendsEveryDeadLetterToATopicOfTheSourcesNameAndGroup(Manifests manifests) {
        for (String service : Manifests.SERVICES) {
            for (KafkaBindings.Binding binding : KafkaBindings.of(manifests, service).consumers()) {
                if (binding.deadLetterTopic() != null) {
                    assertThat(binding.deadLetterTopic()).as(service + " " + binding.name())
                            .startsWith(binding.destination() + ".").endsWith(".dlq");
                }
            }
        }
    }

    @Test
    void agreesWithTheAsyncApiContractOnWhoPublishesAndWhoConsumesEachTopic() {
        Map<String, Flows> contract = flowsOfTheContract();

        assertThat(contract).isEqualTo(KafkaAccess.DESIGN);
    }

    /**
     * The service table of the project's README ("Architecture": publishes, consumes), the design text that lives in
     * the project and changes with it (DESIGN 1 began it; the applications added two topics since).
     */
    @Test
    void agreesWithTheServiceTableOfTheReadme() throws Exception {
        Path readme = Manifests.MODULE.resolve("../../README.md").normalize();
        assertThat(serviceTable(readme)).as("the service table of " + readme).isEqualTo(KafkaAccess.DESIGN);
    }

    /** What DESIGN 4 says of the topics with personal data still holds (the shared design, where it is beside the project). */
    @Test
    void agreesWithTheTopicTableOfDesignFour() throws Exception {
        assumeTrue(Files.isRegularFile(DESIGN_DOCUMENT), DESIGN_DOCUMENT + " is not there (shared/ beside the repository)");
        String topicTable = Files.readString(DESIGN_DOCUMENT);
        assertThat(topicTable).contains("`doorstep.seekers.v1` (compact) | seekerId |")
                .containsPattern("doorstep\\.seekers\\.v1.*read by matching only")
                .containsPattern("doorstep\\.seeker-preferences\\.v1.*read by notification only");
    }

    private static Map<String, Flows> serviceTable(Path document) throws java.io.IOException {
        Map<String, Flows> table = new HashMap<>();
        Pattern row = Pattern.compile("^\\| ([a-z]+-service) \\|.*\\| (.*?) \\| (.*?) \\|$");
        for (String line : Files.readAllLines(document)) {
            Matcher matcher = row.matcher(line);
            // the architecture table's rows (the ports table has rows of the same services too)
            if (matcher.matches() && (matcher.group(2).contains("doorstep.") || matcher.group(2).equals("—"))) {
                table.put(matcher.group(1), new Flows(topicsIn(matcher.group(2)), topicsIn(matcher.group(3))));
            }
        }
        return table;
    }

    /**
     * "`doorstep.postings.v1`, `doorstep.partners.v1`" or "matches, seeker preferences, partners" or "—"; remarks in
     * brackets left out.
     */
    private static Set<String> topicsIn(String cell) {
        Set<String> topics = new HashSet<>();
        for (String part : cell.replaceAll("\\([^)]*\\)", "").split(",")) {
            String name = part.replace("`", "").trim();
            if (name.isEmpty() || name.equals("—")) {
                continue;
            }
            topics.add(name.startsWith("doorstep.") ? name : "doorstep." + name.replace(' ', '-') + ".v1");
        }
        return topics;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Flows> flowsOfTheContract() {
        Path contract = Manifests.MODULE.resolve("../../contracts/asyncapi.yaml").normalize();
        Map<String, Object> document = Yaml.loadAll(contract).getFirst();
        Map<String, Object> channels = (Map<String, Object>) document.get("channels");
        Map<String, Set<String>> publishes = new LinkedHashMap<>();
        Map<String, Set<String>> consumes = new LinkedHashMap<>();
        Pattern service = Pattern.compile("([a-z]+-service)");
        for (Object value : ((Map<String, Object>) document.get("operations")).values()) {
            Map<String, Object> operation = (Map<String, Object>) value;
            String reference = (String) ((Map<String, Object>) operation.get("channel")).get("$ref");
            String topic = (String) ((Map<String, Object>) channels.get(reference.substring("#/channels/".length())))
                    .get("address");
            Matcher matcher = service.matcher((String) operation.get("summary"));
            assertThat(matcher.find()).as("the summary of the operation on " + topic + " names a service").isTrue();
            (operation.get("action").equals("send") ? publishes : consumes)
                    .computeIfAbsent(matcher.group(1), key -> new HashSet<>()).add(topic);
        }
        Map<String, Flows> flows = new HashMap<>();
        for (String name : Manifests.SERVICES) {
            flows.put(name, new Flows(publishes.getOrDefault(name, Set.of()), consumes.getOrDefault(name, Set.of())));
        }
        return flows;
    }
}
