package org.doorstep.local.bench;

import java.util.List;
import java.util.Map;

/**
 * The running platform a benchmark drives: its public URLs (every notification-service instance, the
 * watched streams are spread over them; every matching-service instance, for the postings it has read and not
 * judged yet), the operator token (to register the benchmark's partners),
 * the broker (for consumer lag and the Kafka floor) and the processes to sample (name to pid).
 */
public record BenchTarget(String postingsUrl, String seekersUrl, List<String> notificationUrls, List<String> matchingUrls,
                          String operatorToken, String kafkaBootstrap, Map<String, Long> processes) {

    public BenchTarget {
        notificationUrls = List.copyOf(notificationUrls);
        matchingUrls = List.copyOf(matchingUrls);
        processes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(processes));
        if (notificationUrls.isEmpty()) {
            throw new IllegalArgumentException("no notification-service URL");
        }
    }
}
