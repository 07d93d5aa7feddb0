package org.doorstep.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mongodb-init script, run by Node with mongosh's globals over an in-memory stand-in of a replica set
 * (src/test/resources/fake-mongosh.js): the logic is exercised, MongoDB itself is not. Skipped without node.
 */
class MongoDbInitScriptTest {

    private static final List<String> HOSTS = List.of("mongodb-0.mongodb:27017", "mongodb-1.mongodb:27017",
            "mongodb-2.mongodb:27017");
    private static final Map<String, String> DATABASES = Map.of("postings-service", "postings",
            "seekers-service", "seekers", "matching-service", "matching", "notification-service", "notifications");

    @TempDir
    Path directory;

    @Test
    void initiatesAFreshReplicaSetOnceAndCreatesOneUserPerServiceOnItsOwnDatabase() throws Exception {
        JsonNode result = run(null, "p1");

        assertThat(operations(result)).filteredOn("initiate"::equals).hasSize(1);
        assertThat(operations(result)).doesNotContain("reconfig");
        JsonNode members = result.at("/state/members");
        assertThat(members).hasSize(3);
        for (int i = 0; i < HOSTS.size(); i++) {
            assertThat(members.get(i).get("host").asText()).isEqualTo(HOSTS.get(i));
            assertThat(members.get(i).get("_id").asInt()).isEqualTo(i);
        }
        assertThat(members.get(0).get("priority").asInt()).as("the first member is preferred as primary")
                .isGreaterThan(members.get(1).get("priority").asInt());
        assertThat(result.at("/state/name").asText()).isEqualTo("rs0");
        for (Map.Entry<String, String> service : DATABASES.entrySet()) {
            JsonNode user = result.at("/state/users/" + service.getKey());
            assertThat(user.get("pwd").asText()).isEqualTo("p1-" + service.getValue());
            assertThat(user.get("roles")).hasSize(1);
            assertThat(user.at("/roles/0/role").asText()).isEqualTo("readWrite");
            assertThat(user.at("/roles/0/db").asText()).isEqualTo(service.getValue());
        }
        assertThat(operations(result)).filteredOn(op -> op.startsWith("create ")).hasSize(4);
    }

    @Test
    void runsAgainWithoutReinitiatingAndUpdatesThePasswords() throws Exception {
        JsonNode first = run(null, "p1");

        JsonNode second = run(first.get("state").toString(), "p2");

        assertThat(operations(second)).doesNotContain("initiate", "reconfig")
                .filteredOn(op -> op.startsWith("update ")).hasSize(4);
        assertThat(operations(second)).noneMatch(op -> op.startsWith("create "));
        assertThat(second.at("/state/users/matching-service/pwd").asText()).isEqualTo("p2-matching");
        assertThat(second.at("/state/members")).hasSize(3);
    }

    @Test
    void growsAOneMemberSetOneMemberAtATime() throws Exception {
        String oneMember = """
                {"initiated": true, "name": "rs0", "version": 1, "users": {},
                 "members": [{"_id": 0, "host": "mongodb-0.mongodb:27017", "priority": 2}]}""";

        JsonNode result = run(oneMember, "p1");

        assertThat(operations(result)).filteredOn("reconfig"::equals).hasSize(2);
        assertThat(operations(result)).doesNotContain("initiate");
        assertThat(result.at("/state/members").findValuesAsText("host")).containsExactlyElementsOf(HOSTS);
        assertThat(result.at("/state/version").asInt()).isEqualTo(3);
    }

    @Test
    void authenticatesEveryConnectionFirstToTheFirstMemberThenToTheSet() throws Exception {
        List<String> connections = operations(run(null, "p1")).stream().filter(op -> op.startsWith("connect ")).toList();

        assertThat(connections).isNotEmpty().allSatisfy(op -> assertThat(op).startsWith("connect authenticated "));
        assertThat(connections.getFirst()).contains("//" + HOSTS.getFirst() + "/admin?directConnection=true");
        assertThat(connections.getLast()).contains("//" + String.join(",", HOSTS) + "/admin?replicaSet=rs0");
    }

    private JsonNode run(String state, String passwordPrefix) throws Exception {
        Path script = directory.resolve("init-replica-set.js");
        Files.writeString(script, Manifests.prod().one(ConfigMap.class, "mongodb").getData().get("init-replica-set.js"));
        Path fake = Path.of(getClass().getResource("/fake-mongosh.js").toURI());
        ProcessBuilder builder = new ProcessBuilder("node", fake.toString(), script.toString());
        Map<String, String> environment = builder.environment();
        environment.put("MONGODB_HOSTS", Manifests.prod().one(ConfigMap.class, "doorstep-platform").getData()
                .get("MONGODB_HOSTS"));
        environment.put("MONGODB_REPLICA_SET", "rs0");
        environment.put("MONGODB_ROOT_USERNAME", "root");
        environment.put("MONGODB_ROOT_PASSWORD", "root-password");
        environment.put("MONGODB_PASSWORD_POSTINGS", passwordPrefix + "-postings");
        environment.put("MONGODB_PASSWORD_SEEKERS", passwordPrefix + "-seekers");
        environment.put("MONGODB_PASSWORD_MATCHING", passwordPrefix + "-matching");
        environment.put("MONGODB_PASSWORD_NOTIFICATIONS", passwordPrefix + "-notifications");
        if (state != null) {
            environment.put("FAKE_STATE", state);
        }
        Process process;
        try {
            process = builder.redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException noNode) {
            assumeTrue(false, "node is not installed: " + noNode.getMessage());
            throw noNode;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(errors).isZero();
        return KubernetesModel.MAPPER.readTree(output);
    }

    private static List<String> operations(JsonNode result) {
        return java.util.stream.StreamSupport.stream(result.get("operations").spliterator(), false)
                .map(JsonNode::asText).toList();
    }
}
