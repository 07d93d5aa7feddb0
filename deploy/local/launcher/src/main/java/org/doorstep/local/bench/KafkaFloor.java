package org.doorstep.local.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The floor any event path has on this broker and machine, measured in the same run: a record produced
 * to topic A, consumed and produced again to topic B (the two hops posting to matching to notification
 * take), consumed there; produce-to-final-consume time, at the benchmark's posting rate, with the same
 * producer settings the services use (idempotent, acks=all).
 */
final class KafkaFloor implements AutoCloseable {

    private final String bootstrap;
    private final Admin admin;
    private final String first = "bench.floor.a." + UUID.randomUUID();
    private final String second = "bench.floor.b." + UUID.randomUUID();
    private final Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private Thread relay;
    private Thread sink;
    private KafkaProducer<byte[], byte[]> producer;

    KafkaFloor(String bootstrap, Admin admin) {
        this.bootstrap = bootstrap;
        this.admin = admin;
    }

    /** Creates the two topics and starts the relay and the final consumer, waiting until both are assigned. */
    void start() throws Exception {
        admin.createTopics(List.of(new NewTopic(first, 1, (short) 1), new NewTopic(second, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        producer = new KafkaProducer<>(producerProperties());
        KafkaConsumer<byte[], byte[]> relayConsumer = consumer();
        KafkaConsumer<byte[], byte[]> sinkConsumer = consumer();
        KafkaProducer<byte[], byte[]> relayProducer = new KafkaProducer<>(producerProperties());
        relayConsumer.subscribe(List.of(first));
        sinkConsumer.subscribe(List.of(second));
        java.util.concurrent.CountDownLatch assigned = new java.util.concurrent.CountDownLatch(2);
        relay = Thread.ofPlatform().daemon().name("bench-floor-relay").start(() -> {
            try (relayConsumer; relayProducer) {
                boolean counted = false;
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> record : relayConsumer.poll(Duration.ofMillis(100))) {
                        relayProducer.send(new ProducerRecord<>(second, record.key(), record.value()));
                    }
                    if (!counted && !relayConsumer.assignment().isEmpty()) {
                        counted = true;
                        assigned.countDown();
                    }
                }
            }
        });
        sink = Thread.ofPlatform().daemon().name("bench-floor-sink").start(() -> {
            try (sinkConsumer) {
                boolean counted = false;
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> record : sinkConsumer.poll(Duration.ofMillis(100))) {
                        long sentAt = ByteBuffer.wrap(record.value()).getLong();
                        synchronized (latency) {
                            latency.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sentAt)));
                        }
                    }
                    if (!counted && !sinkConsumer.assignment().isEmpty()) {
                        counted = true;
                        assigned.countDown();
                    }
                }
            }
        });
        if (!assigned.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The Kafka floor's consumers were not assigned their partitions within 60 s");
        }
    }

    /** Sends one timed record (call it at the posting rate while the load runs). */
    void send() {
        producer.send(new ProducerRecord<>(first, null, ByteBuffer.allocate(Long.BYTES).putLong(System.nanoTime()).array()));
    }

    Histogram latency() {
        synchronized (latency) {
            return latency.copy();
        }
    }

    @Override
    public void close() {
        running.set(false);
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        for (Thread thread : new Thread[] {relay, sink}) {
            if (thread != null) {
                try {
                    thread.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        try {
            admin.deleteTopics(List.of(first, second)).all().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("could not delete the floor's topics: " + e.getMessage());
        }
    }

    private Properties producerProperties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return properties;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-floor-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(properties);
    }
}
