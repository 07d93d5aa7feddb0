package org.doorstep.k8s;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.metadata.authorizer.StandardAcl;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;

/**
 * Kafka's own KRaft authorizer ({@code authorization: simple} in Strimzi) loaded with the ACLs of a render's
 * KafkaUsers, translated as Strimzi's User Operator does: principal {@code User:<KafkaUser name>}, host *, one ACL
 * per operation. It answers as a broker of the cluster would.
 */
final class KafkaAuthorizer {

    private final StandardAuthorizer authorizer = new StandardAuthorizer();

    KafkaAuthorizer(List<KafkaUser> users) {
        authorizer.configure(Map.of(StandardAuthorizer.SUPER_USERS_CONFIG, "",
                StandardAuthorizer.ALLOW_EVERYONE_IF_NO_ACL_IS_FOUND_CONFIG, "false"));
        // a broker hands its plugins their metrics before the first request; the authorizer records every decision
        authorizer.withPluginMetrics(new PluginMetricsImpl(new Metrics(), Map.of()));
        Map<Uuid, StandardAcl> acls = new HashMap<>();
        for (KafkaUser user : users) {
            for (AclRule rule : KafkaAccess.rules(user)) {
                for (AclBinding binding : bindings(user.getMetadata().getName(), rule)) {
                    acls.put(Uuid.randomUuid(), StandardAcl.fromAclBinding(binding));
                }
            }
        }
        authorizer.loadSnapshot(acls);
        authorizer.completeInitialLoad();
    }

    boolean allows(String user, ResourceType type, String name, AclOperation operation) {
        Action action = new Action(operation, new ResourcePattern(type, name, PatternType.LITERAL), 1, false, false);
        return authorizer.authorize(context(user), List.of(action)).getFirst() == AuthorizationResult.ALLOWED;
    }

    /**
     * What the broker asks before it gives an idempotent producer its id (InitProducerId without a transactional
     * id): IdempotentWrite on the cluster, or Write on any topic.
     */
    boolean allowsIdempotentProducer(String user) {
        return allows(user, ResourceType.CLUSTER, "kafka-cluster", AclOperation.IDEMPOTENT_WRITE)
                || authorizer.authorizeByResourceType(context(user), AclOperation.WRITE, ResourceType.TOPIC)
                == AuthorizationResult.ALLOWED;
    }

    private static List<AclBinding> bindings(String user, AclRule rule) {
        ResourcePattern pattern = switch (rule.getResource()) {
            case AclRuleTopicResource topic -> new ResourcePattern(ResourceType.TOPIC, topic.getName(),
                    pattern(topic.getPatternType()));
            case AclRuleGroupResource group -> new ResourcePattern(ResourceType.GROUP, group.getName(),
                    pattern(group.getPatternType()));
            default -> throw new AssertionError("an ACL on a resource this project does not use: " + rule.getResource());
        };
        AclPermissionType permission = rule.getType() == AclRuleType.DENY ? AclPermissionType.DENY : AclPermissionType.ALLOW;
        List<io.strimzi.api.kafka.model.user.acl.AclOperation> operations = rule.getOperations() != null
                ? rule.getOperations() : List.of(rule.getOperation());
        return operations.stream().map(operation -> new AclBinding(pattern, new AccessControlEntry("User:" + user,
                rule.getHost() == null ? "*" : rule.getHost(), AclOperation.valueOf(
                operation.toValue().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT)),
                permission))).toList();
    }

    private static PatternType pattern(AclResourcePatternType type) {
        return type == AclResourcePatternType.PREFIX ? PatternType.PREFIXED : PatternType.LITERAL;
    }

    private static AuthorizableRequestContext context(String user) {
        return new AuthorizableRequestContext() {
            @Override
            public String listenerName() {
                return "TLS-9093";
            }

            @Override
            public SecurityProtocol securityProtocol() {
                return SecurityProtocol.SASL_SSL;
            }

            @Override
            public KafkaPrincipal principal() {
                return new KafkaPrincipal(KafkaPrincipal.USER_TYPE, user);
            }

            @Override
            public InetAddress clientAddress() {
                return InetAddress.getLoopbackAddress();
            }

            @Override
            public int requestType() {
                return 0;
            }

            @Override
            public int requestVersion() {
                return 0;
            }

            @Override
            public String clientId() {
                return user;
            }

            @Override
            public int correlationId() {
                return 0;
            }
        };
    }
}
