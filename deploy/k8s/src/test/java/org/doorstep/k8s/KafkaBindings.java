package org.doorstep.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Kafka consumer bindings a service declares in its own application.yml (Spring Cloud Stream), resolved with the
 * environment its Deployment gives it: what it reads, in which consumer group, and where its dead letters go.
 */
record KafkaBindings(String service, List<Binding> consumers) {

    private static final String BINDINGS = "spring.cloud.stream.bindings.";

    /**
     * One consumer binding. {@code group} is null for an anonymous consumer; {@code deadLetterTopic} is the binding's
     * dlq-name, null where it has none.
     */
    record Binding(String name, String destination, String group, String deadLetterTopic) {
    }

    static KafkaBindings of(Manifests manifests, String service) {
        ServiceConfiguration configuration = ServiceConfiguration.of(service);
        Map<String, String> environment = Workloads.environment(manifests, Workloads.serviceContainer(manifests, service));
        List<Binding> consumers = new ArrayList<>();
        for (Map.Entry<String, String> property : configuration.properties().entrySet()) {
            String key = property.getKey();
            if (!key.startsWith(BINDINGS) || !key.endsWith(".destination")) {
                continue;
            }
            String binding = key.substring(BINDINGS.length(), key.length() - ".destination".length());
            if (!binding.contains("-in-")) {
                continue;
            }
            consumers.add(new Binding(binding,
                    configuration.resolve(property.getValue(), environment),
                    configuration.resolve(configuration.raw(BINDINGS + binding + ".group"), environment),
                    configuration.resolve(configuration.raw(
                            "spring.cloud.stream.kafka.bindings." + binding + ".consumer.dlq-name"), environment)));
        }
        return new KafkaBindings(service, List.copyOf(consumers));
    }

    List<String> consumedTopics() {
        return consumers.stream().map(Binding::destination).distinct().toList();
    }

    List<String> deadLetterTopics() {
        return consumers.stream().map(Binding::deadLetterTopic).filter(java.util.Objects::nonNull).distinct().toList();
    }
}
