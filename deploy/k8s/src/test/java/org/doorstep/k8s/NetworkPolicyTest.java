package org.doorstep.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Default deny; each service reaches only Kafka, MongoDB and DNS (notification-service also HTTPS on the internet,
 * for partner webhooks) and accepts traffic only on its HTTP port. Evaluated like a CNI would: every policy whose
 * pod selector selects a pod contributes its rules.
 */
class NetworkPolicyTest {

    private static final List<String> PRIVATE_RANGES =
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");
    private static final Map<String, String> KUBE_SYSTEM = Map.of("kubernetes.io/metadata.name", "kube-system");
    private static final Map<String, String> KUBE_DNS = Map.of("k8s-app", "kube-dns");

    /** The port of the one listener of kafka/kafka.yaml (KafkaTest checks that it is the TLS one). */
    private static final int KAFKA_TLS_PORT = 9093;

    enum Destination { KAFKA, MONGODB, DNS, INTERNET_HTTPS }

    static List<Manifests> renders() {
        return Manifests.all();
    }

    @ParameterizedTest
    @MethodSource("renders")
    void deniesAllTrafficInTheNamespaceByDefault(Manifests manifests) {
        assertThat(manifests.all(NetworkPolicy.class)).anySatisfy(policy -> {
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
            assertThat(policy.getSpec().getEgress()).isNullOrEmpty();
        });
    }

    @ParameterizedTest
    @MethodSource("renders")
    void letsEachServiceReachOnlyKafkaMongoDbAndDns(Manifests manifests) {
        Map<String, Map<String, String>> pods = pods(manifests);
        for (String service : Manifests.SERVICES) {
            List<Destination> reached = new ArrayList<>();
            for (NetworkPolicyEgressRule rule : egressRules(manifests, pods.get(service))) {
                reached.add(classify(rule, pods, service));
            }
            List<Destination> expected = new ArrayList<>(List.of(Destination.KAFKA, Destination.MONGODB, Destination.DNS));
            if (service.equals("notification-service")) {
                expected.add(Destination.INTERNET_HTTPS);
            }
            assertThat(reached).as(service).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void admitsTrafficToEachServiceOnlyOnItsHttpPort(Manifests manifests) {
        Map<String, Map<String, String>> pods = pods(manifests);
        for (String service : Manifests.SERVICES) {
            Container container = Workloads.serviceContainer(manifests, service);
            int http = Integer.parseInt(Workloads.environment(manifests, container).get("SERVER_PORT"));
            List<NetworkPolicyIngressRule> rules = ingressRules(manifests, pods.get(service));

            assertThat(rules).as(service).isNotEmpty();
            for (NetworkPolicyIngressRule rule : rules) {
                assertThat(rule.getPorts()).as(service + " ingress rule without ports opens every port").isNotEmpty();
                assertThat(rule.getPorts()).extracting(port -> Workloads.resolvePort(container, port.getPort()))
                        .as(service).containsOnly(http);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void letsTheServicesAndKedaThroughToTheKafkaListener(Manifests manifests) {
        GenericKubernetesResource kafka = manifests.custom("Kafka").getFirst();
        List<Map<String, Object>> listeners = Tree.list(kafka, "spec", "kafka", "listeners");
        Map<String, Map<String, String>> pods = pods(manifests);

        assertThat(listeners).hasSize(1);
        List<NetworkPolicyPeer> peers = new ArrayList<>();
        for (Object peer : (List<?>) listeners.getFirst().get("networkPolicyPeers")) {
            peers.add(KubernetesModel.MAPPER.convertValue(peer, NetworkPolicyPeer.class));
        }
        assertThat(peers).as("an empty list would let every pod in").isNotEmpty();
        for (String service : Manifests.SERVICES) {
            assertThat(peers).as(service).anySatisfy(peer -> {
                assertThat(peer.getNamespaceSelector()).isNull();
                assertThat(Workloads.selects(peer.getPodSelector(), pods.get(service))).isTrue();
            });
        }
        assertThat(peers).as("KEDA's lag scaler").anySatisfy(peer -> assertThat(Workloads.selects(
                peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", "keda"))).isTrue());
        assertThat(peers).as("no other pod of the namespace").noneSatisfy(peer -> assertThat(
                peer.getNamespaceSelector() == null && Workloads.selects(peer.getPodSelector(), pods.get("mongodb")))
                .isTrue());
    }

    @ParameterizedTest
    @MethodSource("renders")
    void letsOnlyTheServicesTheInitJobAndTheOtherMembersIntoMongoDb(Manifests manifests) {
        Map<String, Map<String, String>> pods = pods(manifests);
        List<NetworkPolicyIngressRule> rules = ingressRules(manifests, pods.get("mongodb"));

        for (String client : List.of("postings-service", "seekers-service", "matching-service",
                "notification-service", "mongodb-init", "mongodb")) {
            assertThat(rules).as(client).anySatisfy(rule -> {
                assertThat(rule.getFrom()).anySatisfy(peer -> assertThat(peer.getNamespaceSelector() == null
                        && Workloads.selects(peer.getPodSelector(), pods.get(client))).isTrue());
                assertThat(rule.getPorts()).extracting(port -> port.getPort().getIntVal()).containsExactly(27017);
            });
        }
        for (NetworkPolicyIngressRule rule : rules) {
            assertThat(rule.getFrom()).as("a rule without peers admits everyone").isNotEmpty();
            assertThat(rule.getFrom()).allSatisfy(peer -> assertThat(
                    Workloads.selects(peer.getPodSelector(), pods.get("kafka"))).as("Kafka has no business here").isFalse());
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void letsMongoDbAndKafkaMembersTalkToTheirPeersUnderDefaultDeny(Manifests manifests) {
        Map<String, Map<String, String>> pods = pods(manifests);
        for (String member : List.of("mongodb", "kafka")) {
            assertThat(egressRules(manifests, pods.get(member))).as(member).anySatisfy(rule ->
                    assertThat(rule.getTo()).anySatisfy(peer ->
                            assertThat(Workloads.selects(peer.getPodSelector(), pods.get(member))).isTrue()));
        }
    }

    /** Which allowed destination an egress rule of a service opens; fails if it opens anything else. */
    private static Destination classify(NetworkPolicyEgressRule rule, Map<String, Map<String, String>> pods,
            String service) {
        assertThat(rule.getTo()).as(service + ": an egress rule without peers reaches everything").isNotEmpty();
        assertThat(rule.getPorts()).as(service + ": an egress rule without ports reaches every port").isNotEmpty();
        List<Integer> ports = rule.getPorts().stream().map(NetworkPolicyPort::getPort).map(p -> p.getIntVal()).toList();
        NetworkPolicyPeer peer = rule.getTo().getFirst();
        assertThat(rule.getTo()).as(service + ": one destination per rule").hasSize(1);

        if (peer.getIpBlock() != null) {
            assertThat(service).isEqualTo("notification-service");
            assertThat(peer.getIpBlock().getExcept()).as("no private or link-local addresses")
                    .containsAll(PRIVATE_RANGES);
            assertThat(ports).containsExactly(443);
            return Destination.INTERNET_HTTPS;
        }
        if (peer.getNamespaceSelector() != null) {
            assertThat(Workloads.selects(peer.getNamespaceSelector(), KUBE_SYSTEM)).as(service).isTrue();
            assertThat(Workloads.selects(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", "other")))
                    .as(service + " DNS namespace selector").isFalse();
            assertThat(Workloads.selects(peer.getPodSelector(), KUBE_DNS)).as(service).isTrue();
            assertThat(Workloads.selects(peer.getPodSelector(), Map.of("app", "other"))).as(service).isFalse();
            assertThat(ports).containsOnly(53);
            return Destination.DNS;
        }
        LabelSelector selector = peer.getPodSelector();
        List<String> selected = pods.entrySet().stream()
                .filter(pod -> Workloads.selects(selector, pod.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(selected).as(service + " egress peer selects exactly one kind of pod").hasSize(1);
        return switch (selected.getFirst()) {
            case "kafka" -> {
                assertThat(ports).as(service + " to Kafka's TLS listener").containsExactly(KAFKA_TLS_PORT);
                yield Destination.KAFKA;
            }
            case "mongodb" -> {
                assertThat(ports).as(service + " to MongoDB").containsExactly(27017);
                yield Destination.MONGODB;
            }
            default -> throw new AssertionError(service + " may not reach " + selected.getFirst());
        };
    }

    private static List<NetworkPolicyEgressRule> egressRules(Manifests manifests, Map<String, String> pod) {
        List<NetworkPolicyEgressRule> rules = new ArrayList<>();
        for (NetworkPolicy policy : manifests.all(NetworkPolicy.class)) {
            if (Workloads.selects(policy.getSpec().getPodSelector(), pod)
                    && policy.getSpec().getPolicyTypes().contains("Egress") && policy.getSpec().getEgress() != null) {
                rules.addAll(policy.getSpec().getEgress());
            }
        }
        return rules;
    }

    private static List<NetworkPolicyIngressRule> ingressRules(Manifests manifests, Map<String, String> pod) {
        List<NetworkPolicyIngressRule> rules = new ArrayList<>();
        for (NetworkPolicy policy : manifests.all(NetworkPolicy.class)) {
            if (Workloads.selects(policy.getSpec().getPodSelector(), pod)
                    && policy.getSpec().getPolicyTypes().contains("Ingress") && policy.getSpec().getIngress() != null) {
                rules.addAll(policy.getSpec().getIngress());
            }
        }
        return rules;
    }

    /** Labels of every pod of the namespace: ours from the templates, Kafka's as Strimzi sets them. */
    private static Map<String, Map<String, String>> pods(Manifests manifests) {
        Map<String, Map<String, String>> pods = new LinkedHashMap<>();
        for (String service : Manifests.SERVICES) {
            pods.put(service, manifests.one(Deployment.class, service).getSpec().getTemplate().getMetadata().getLabels());
        }
        pods.put("mongodb", manifests.one(StatefulSet.class, "mongodb").getSpec().getTemplate().getMetadata().getLabels());
        pods.put("mongodb-init", manifests.one(Job.class, "mongodb-init").getSpec().getTemplate().getMetadata().getLabels());
        String cluster = manifests.custom("Kafka").getFirst().getMetadata().getName();
        String pool = manifests.custom("KafkaNodePool").getFirst().getMetadata().getName();
        pods.put("kafka", Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka",
                "strimzi.io/name", cluster + "-kafka", "strimzi.io/pool-name", pool,
                "strimzi.io/broker-role", "true", "strimzi.io/controller-role", "true"));
        return pods;
    }
}
