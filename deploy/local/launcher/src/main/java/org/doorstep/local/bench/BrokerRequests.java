package org.doorstep.local.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;

/**
 * The broker's request counters by request type (Kafka's {@code kafka.network:type=RequestMetrics,
 * name=RequestsPerSec,request=*}, summed over versions), read over JMX from the broker process {@code ./doorstep up}
 * started, through the JDK's attach API (same user, same machine). What each produce, fetch or offset commit costs
 * the broker is mostly per request, not per record: these counts say how the platform's clients batch.
 */
final class BrokerRequests implements AutoCloseable {

    private static final String REQUESTS = "kafka.network:type=RequestMetrics,name=RequestsPerSec,*";

    private final JMXConnector connector;
    private final MBeanServerConnection connection;

    private BrokerRequests(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.connection = connector.getMBeanServerConnection();
    }

    /** Attached to the broker with this pid; empty when there is none here or it cannot be attached to. */
    static Optional<BrokerRequests> attach(Long pid) {
        if (pid == null) {
            return Optional.empty();
        }
        try {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
            try {
                return Optional.of(new BrokerRequests(JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()))));
            } finally {
                vm.detach();
            }
        } catch (Exception | LinkageError unavailable) {
            return Optional.empty();
        }
    }

    /** Requests handled since the broker started, by type; empty if the broker no longer answers. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        try {
            for (ObjectName name : connection.queryNames(new ObjectName(REQUESTS), null)) {
                counts.merge(name.getKeyProperty("request"), ((Number) connection.getAttribute(name, "Count")).longValue(), Long::sum);
            }
            return counts;
        } catch (Exception gone) {
            return Map.of();
        }
    }

    /** Requests a second between two readings {@code seconds} apart, busiest first; types with none left out. */
    static Map<String, Double> rates(Map<String, Long> before, Map<String, Long> after, double seconds) {
        Map<String, Double> rates = new LinkedHashMap<>();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / seconds))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> rates.put(e.getKey(), e.getValue()));
        return rates;
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
