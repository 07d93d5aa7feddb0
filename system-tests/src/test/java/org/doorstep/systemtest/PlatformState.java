package org.doorstep.systemtest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.doorstep.testkit.SharedInfrastructure;

import static org.awaitility.Awaitility.await;

/**
 * What the platform holds, as far as a client or an operator can observe it: every collection of every database on
 * the MongoDB endpoint (document count and a digest of the documents), every topic's end offsets on the broker
 * (what was published), and the answers of the read endpoints named by {@code views}. Two snapshots that are equal
 * mean nothing was stored, changed, deleted or published in between.
 */
final class PlatformState implements AutoCloseable {

    /** A collection this large is compared by its count only. */
    private static final long MAX_DIGESTED_DOCUMENTS = 50_000;
    private static final Set<String> SYSTEM_DATABASES = Set.of("admin", "local", "config");

    private final MongoClient mongo;
    private final Admin kafka;
    private final Map<String, Supplier<String>> views;

    PlatformState(Map<String, Supplier<String>> views) {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        this.mongo = MongoClients.create(infrastructure.mongoUri());
        this.kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers()));
        this.views = views;
    }

    /** One observation: "mongo:db.collection" -> count and digest, "kafka:topic" -> end offsets, "view:name" -> answer. */
    SortedMap<String, String> snapshot() {
        SortedMap<String, String> state = new TreeMap<>();
        for (String name : mongo.listDatabaseNames()) {
            if (SYSTEM_DATABASES.contains(name)) {
                continue;
            }
            MongoDatabase database = mongo.getDatabase(name);
            for (String collection : database.listCollectionNames()) {
                long count = database.getCollection(collection).countDocuments();
                state.put("mongo:" + name + "." + collection, count > MAX_DIGESTED_DOCUMENTS ? count + " documents"
                        : count + " documents, digest " + digest(database.getCollection(collection).find()
                        .map(Document::toJson).into(new ArrayList<>())));
            }
        }
        try {
            Set<String> topics = kafka.listTopics().names().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = kafka.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS)
                    .values().stream().flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
            kafka.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            ends.forEach((tp, offset) -> state.merge("kafka:" + tp.topic(), tp.partition() + "@" + offset, (a, b) -> a + " " + b));
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the topics' end offsets", e);
        }
        views.forEach((name, view) -> state.put("view:" + name, view.get()));
        return state;
    }

    /**
     * A snapshot taken once nothing has moved for {@code quiet}: work already under way (relays, consumers) has
     * settled. Keys still moving after {@code atMost} are given back in {@code moving}, so that a comparison can
     * leave them out and say so.
     */
    Settled settle(Duration quiet, Duration atMost) {
        SortedMap<String, String>[] last = new SortedMap[]{snapshot()};
        Set<String> moving = new TreeSet<>();
        try {
            await().atMost(atMost).pollDelay(quiet).pollInterval(quiet).until(() -> {
                SortedMap<String, String> now = snapshot();
                moving.clear();
                moving.addAll(differences(last[0], now));
                last[0] = now;
                return moving.isEmpty();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // still moving: reported by the caller, left out of the comparison
        }
        return new Settled(last[0], Set.copyOf(moving));
    }

    record Settled(SortedMap<String, String> state, Set<String> moving) {
    }

    /** The keys whose values differ (or that exist on one side only). */
    static Set<String> differences(Map<String, String> before, Map<String, String> after) {
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        keys.removeIf(k -> Objects.equals(before.get(k), after.get(k)));
        return keys;
    }

    private static String digest(List<String> documents) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            documents.stream().sorted().forEach(d -> sha.update(d.getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        mongo.close();
        kafka.close(Duration.ofSeconds(5));
    }
}
