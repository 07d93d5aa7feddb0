package org.doorstep.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class BrokerRequestsTest {

    @Test
    void ratesAreTheRequestsBetweenTwoReadingsASecondBusiestFirstWithoutIdleTypes() {
        Map<String, Double> rates = BrokerRequests.rates(Map.of("Produce", 100L, "Fetch", 50L, "Metadata", 7L),
                Map.of("Produce", 400L, "Fetch", 650L, "Metadata", 7L, "OffsetCommit", 30L), 10);

        assertThat(rates).containsExactly(Map.entry("Fetch", 60.0), Map.entry("Produce", 30.0),
                Map.entry("OffsetCommit", 3.0));
    }

    @Test
    void thereIsNothingToAttachToWithoutABrokerProcess() {
        assertThat(BrokerRequests.attach(null)).isEmpty();
        assertThat(BrokerRequests.attach(Long.MAX_VALUE)).isEmpty();
    }
}
