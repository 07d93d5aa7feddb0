package org.doorstep.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import org.doorstep.k8s.render.Yaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** MongoDB as a replica set: StatefulSet, headless Service, the init Job and one user per service. */
class MongoDbTest {

    /** A line of the init script's service table: ['user', 'database', 'PASSWORD_VARIABLE']. */
    private static final Pattern SERVICE_ROW =
            Pattern.compile("\\[\\s*'([^']+)'\\s*,\\s*'([^']+)'\\s*,\\s*'([A-Z_]+)'\\s*]");

    record ServiceUser(String user, String database, String passwordVariable) {
    }

    static List<Manifests> renders() {
        return Manifests.all();
    }

    @ParameterizedTest
    @MethodSource("renders")
    void runsMongoDbAsAReplicaSetWhoseMembersHaveStableNames(Manifests manifests) {
        StatefulSet mongodb = manifests.one(StatefulSet.class, "mongodb");
        Service headless = manifests.one(Service.class, mongodb.getSpec().getServiceName());
        @SuppressWarnings("unchecked")
        Map<String, Object> conf = (Map<String, Object>) Yaml.loadAllFromString(
                manifests.one(ConfigMap.class, "mongodb").getData().get("mongod.conf")).getFirst();

        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(Workloads.selects(new io.fabric8.kubernetes.api.model.LabelSelectorBuilder()
                .withMatchLabels(headless.getSpec().getSelector()).build(),
                mongodb.getSpec().getTemplate().getMetadata().getLabels())).isTrue();
        assertThat(((Map<?, ?>) conf.get("replication")).get("replSetName"))
                .isEqualTo(platform(manifests).get("MONGODB_REPLICA_SET"));
        assertThat(((Map<?, ?>) conf.get("security")).get("authorization")).isEqualTo("enabled");
        assertThat(mongodb.getSpec().getVolumeClaimTemplates()).extracting(pvc -> pvc.getMetadata().getName())
                .containsExactly("data");
        assertThat(mongod(manifests).getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getName()).isEqualTo("data");
            assertThat(mount.getMountPath()).isEqualTo(((Map<?, ?>) conf.get("storage")).get("dbPath"));
        });
    }

    @ParameterizedTest
    @MethodSource("renders")
    void connectsTheServicesToExactlyTheMembersOfTheStatefulSet(Manifests manifests) {
        StatefulSet mongodb = manifests.one(StatefulSet.class, "mongodb");
        List<String> members = IntStream.range(0, mongodb.getSpec().getReplicas())
                .mapToObj(i -> "mongodb-" + i + "." + mongodb.getSpec().getServiceName() + ":27017")
                .toList();

        assertThat(List.of(platform(manifests).get("MONGODB_HOSTS").split(","))).isEqualTo(members);
        assertThat(mongodb.getSpec().getReplicas()).as("an odd number of members keeps a majority").isOdd();
    }

    @ParameterizedTest
    @MethodSource("renders")
    void createsForEveryServiceAUserOnItsOwnDatabaseWithThePasswordTheServiceConnectsWith(Manifests manifests) {
        List<ServiceUser> users = serviceUsers(manifests);
        Container init = manifests.one(Job.class, "mongodb-init").getSpec().getTemplate().getSpec().getContainers()
                .getFirst();
        Map<String, String> jobEnvironment = Workloads.environment(manifests, init);

        assertThat(users).extracting(ServiceUser::user).containsExactlyInAnyOrderElementsOf(Manifests.SERVICES);
        assertThat(users).extracting(ServiceUser::database).doesNotHaveDuplicates();
        for (String service : Manifests.SERVICES) {
            Map<String, String> environment = Workloads.environment(manifests, Workloads.serviceContainer(manifests, service));
            ServiceUser user = users.stream().filter(u -> u.user().equals(environment.get("MONGODB_USERNAME")))
                    .findFirst().orElseThrow(() -> new AssertionError(service + " connects as an unknown user"));

            assertThat(user.database()).as(service).isEqualTo(environment.get("MONGODB_DATABASE"));
            assertThat(jobEnvironment.get(user.passwordVariable())).as(service + " password")
                    .startsWith("<secret:")
                    .isEqualTo(environment.get("MONGODB_PASSWORD"));
        }
        assertThat(manifests.one(ConfigMap.class, "mongodb").getData().get("init-replica-set.js"))
                .contains("role: 'readWrite', db: database")
                .doesNotContain("readWriteAnyDatabase");
    }

    @ParameterizedTest
    @MethodSource("renders")
    void initiatesTheReplicaSetFromTheSameHostListTheServicesUse(Manifests manifests) {
        Container init = manifests.one(Job.class, "mongodb-init").getSpec().getTemplate().getSpec().getContainers()
                .getFirst();
        Map<String, String> jobEnvironment = Workloads.environment(manifests, init);

        assertThat(jobEnvironment.get("MONGODB_HOSTS")).isEqualTo(platform(manifests).get("MONGODB_HOSTS"));
        assertThat(jobEnvironment.get("MONGODB_REPLICA_SET")).isEqualTo(platform(manifests).get("MONGODB_REPLICA_SET"));
        assertThat(init.getCommand()).contains("/scripts/init-replica-set.js");
        assertThat(manifests.one(Job.class, "mongodb-init").getSpec().getTemplate().getSpec().getRestartPolicy())
                .isEqualTo("OnFailure");
    }

    @ParameterizedTest
    @MethodSource("renders")
    void keepsTheRootCredentialsAndTheKeyfileInTheMongoDbSecret(Manifests manifests) {
        Map<String, String> environment = Workloads.environment(manifests, mongod(manifests));

        assertThat(environment).containsEntry("MONGO_INITDB_ROOT_USERNAME", "<secret:doorstep-mongodb/root-username>")
                .containsEntry("MONGO_INITDB_ROOT_PASSWORD", "<secret:doorstep-mongodb/root-password>");
        assertThat(manifests.one(StatefulSet.class, "mongodb").getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(volume -> assertThat(volume.getSecret()).isNotNull()
                        .satisfies(secret -> assertThat(secret.getSecretName()).isEqualTo("doorstep-mongodb")));
    }

    @Test
    void shipsAnInitScriptThatIsValidJavaScript(@TempDir Path directory) throws Exception {
        Path script = directory.resolve("init-replica-set.js");
        Files.writeString(script, Manifests.base().one(ConfigMap.class, "mongodb").getData().get("init-replica-set.js"));
        Process process;
        try {
            process = new ProcessBuilder("node", "--check", script.toString()).redirectErrorStream(true).start();
        } catch (IOException noNode) {
            assumeTrue(false, "node is not installed: " + noNode.getMessage());
            return;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(process.waitFor(60, TimeUnit.SECONDS), "node --check did not finish");

        // syntax only: connect(), sleep() and print() are mongosh's, checked when the Job runs
        assertThat(process.exitValue()).as(output).isZero();
    }

    static List<ServiceUser> serviceUsers(Manifests manifests) {
        Matcher matcher = SERVICE_ROW.matcher(manifests.one(ConfigMap.class, "mongodb").getData().get("init-replica-set.js"));
        List<ServiceUser> users = new ArrayList<>();
        while (matcher.find()) {
            users.add(new ServiceUser(matcher.group(1), matcher.group(2), matcher.group(3)));
        }
        return users;
    }

    private static Container mongod(Manifests manifests) {
        return manifests.one(StatefulSet.class, "mongodb").getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    private static Map<String, String> platform(Manifests manifests) {
        return manifests.one(ConfigMap.class, "doorstep-platform").getData();
    }
}
