package org.doorstep.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;

/**
 * Who may do what on Kafka: what DESIGN 1 and 4 (and the services' own bindings) require, and what a KafkaUser's ACLs
 * grant, both as sets of {@link Grant}s that compare exactly.
 */
final class KafkaAccess {

    static final String POSTINGS = "doorstep.postings.v1";
    static final String PARTNERS = "doorstep.partners.v1";
    static final String SEEKERS = "doorstep.seekers.v1";
    static final String SEEKER_PREFERENCES = "doorstep.seeker-preferences.v1";
    static final String MATCHES = "doorstep.matches.v1";
    static final String POSTING_DUPLICATES = "doorstep.posting-duplicates.v1";
    static final String FEEDBACK = "doorstep.feedback.v1";
    static final String APPLICATION_REQUESTS = "doorstep.application-requests.v1";
    static final String APPLICATIONS = "doorstep.applications.v1";

    /** What a service publishes and consumes. */
    record Flows(Set<String> publishes, Set<String> consumes) {
    }

    /** DESIGN 1, "publishes" and "consumes" of each service. */
    static final Map<String, Flows> DESIGN = Map.of(
            "postings-service", new Flows(Set.of(POSTINGS, PARTNERS), Set.of(POSTING_DUPLICATES)),
            "seekers-service", new Flows(Set.of(SEEKERS, SEEKER_PREFERENCES, APPLICATIONS), Set.of(APPLICATION_REQUESTS)),
            "matching-service", new Flows(Set.of(MATCHES, POSTING_DUPLICATES), Set.of(POSTINGS, SEEKERS, FEEDBACK)),
            "notification-service", new Flows(Set.of(FEEDBACK, APPLICATION_REQUESTS),
                    Set.of(MATCHES, SEEKER_PREFERENCES, PARTNERS, APPLICATIONS)));

    /** DESIGN 4: topics that carry personal data, readable by one service only ("read by ... only"). */
    static final Map<String, String> READ_ONLY_BY = Map.of(
            SEEKERS, "matching-service",
            SEEKER_PREFERENCES, "notification-service",
            APPLICATIONS, "notification-service");

    /** Topics internal to one service (KafkaTest.INTERNAL_TOPICS): its instances write and read them. */
    static final Map<String, String> INTERNAL = Map.of("doorstep.notification-feed.v1", "notification-service");

    /** Spring Cloud Stream's name for the group of a binding without one: anonymous.&lt;random UUID&gt;. */
    static final String ANONYMOUS_GROUP_PREFIX = "anonymous.";

    /** One permission: an operation on a resource named literally or by prefix. */
    record Grant(String resourceType, String patternType, String name, String operation) implements Comparable<Grant> {

        static Grant topic(String name, String operation) {
            return new Grant("topic", "literal", name, operation);
        }

        static Grant group(String patternType, String name, String operation) {
            return new Grant("group", patternType, name, operation);
        }

        @Override
        public int compareTo(Grant other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return resourceType + ":" + patternType + ":" + name + ":" + operation;
        }
    }

    private KafkaAccess() {
    }

    /**
     * What a service needs: Write on what DESIGN 1 says it publishes and on the dead-letter topics of its bindings,
     * Read on what its bindings consume (which must be what DESIGN 1 says, checked apart), Read and Write on its
     * internal topics, Read on each consumer group of its bindings (a group named after the pod becomes a prefix,
     * an anonymous one Spring Cloud Stream's anonymous prefix).
     */
    static Set<Grant> required(String service, KafkaBindings bindings) {
        Set<Grant> grants = new TreeSet<>();
        DESIGN.get(service).publishes().forEach(topic -> grants.add(Grant.topic(topic, "Write")));
        INTERNAL.forEach((topic, owner) -> {
            if (owner.equals(service)) {
                grants.add(Grant.topic(topic, "Write"));
            }
        });
        bindings.consumedTopics().forEach(topic -> grants.add(Grant.topic(topic, "Read")));
        bindings.deadLetterTopics().forEach(topic -> grants.add(Grant.topic(topic, "Write")));
        for (KafkaBindings.Binding binding : bindings.consumers()) {
            String group = binding.group();
            if (group == null) {
                grants.add(Grant.group("prefix", ANONYMOUS_GROUP_PREFIX, "Read"));
            } else if (group.contains("<field:metadata.name>")) {
                grants.add(Grant.group("prefix", group.substring(0, group.indexOf("<field:")), "Read"));
            } else {
                grants.add(Grant.group("literal", group, "Read"));
            }
        }
        return grants;
    }

    /** What a KafkaUser's ACLs allow, one grant per operation; deny rules are not expected and fail here. */
    static Set<Grant> granted(KafkaUser user) {
        Set<Grant> grants = new TreeSet<>();
        for (AclRule rule : rules(user)) {
            if (rule.getType() != null && rule.getType() != AclRuleType.ALLOW) {
                throw new AssertionError(user.getMetadata().getName() + " has a rule that is not an allow rule: " + rule);
            }
            for (AclOperation operation : operations(rule)) {
                grants.add(new Grant(resourceType(rule.getResource()), patternType(rule.getResource()),
                        resourceName(rule.getResource()), operation.toValue()));
            }
        }
        return grants;
    }

    static List<AclRule> rules(KafkaUser user) {
        if (!(user.getSpec().getAuthorization() instanceof KafkaUserAuthorizationSimple simple)) {
            throw new AssertionError(user.getMetadata().getName() + " should use simple authorization");
        }
        return simple.getAcls() == null ? List.of() : simple.getAcls();
    }

    private static List<AclOperation> operations(AclRule rule) {
        List<AclOperation> operations = new ArrayList<>();
        if (rule.getOperations() != null) {
            operations.addAll(rule.getOperations());
        }
        if (rule.getOperation() != null) {
            operations.add(rule.getOperation());
        }
        return operations;
    }

    private static String resourceType(AclRuleResource resource) {
        return resource.getType();
    }

    private static String patternType(AclRuleResource resource) {
        AclResourcePatternType pattern = switch (resource) {
            case AclRuleTopicResource topic -> topic.getPatternType();
            case AclRuleGroupResource group -> group.getPatternType();
            default -> null;
        };
        return pattern == null ? "literal" : pattern.toValue();
    }

    private static String resourceName(AclRuleResource resource) {
        return switch (resource) {
            case AclRuleTopicResource topic -> topic.getName();
            case AclRuleGroupResource group -> group.getName();
            default -> "";
        };
    }
}
