package org.doorstep.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {

    @Test
    void aGroupOfOneInstanceCountsOnlyWhileItHasMembers() {
        assertThat(ConsumerLag.live(group("matching-6f1c", GroupState.STABLE))).isTrue();
        assertThat(ConsumerLag.live(group("matching-6f1c", GroupState.PREPARING_REBALANCE))).isTrue();
        // a restarted matching-service reads the seekers in a new group; the old one stays behind, its lag growing
        assertThat(ConsumerLag.live(group("matching-6f1c", GroupState.EMPTY))).isFalse();
        assertThat(ConsumerLag.live(group("matching-6f1c", GroupState.DEAD))).isFalse();
    }

    @Test
    void aDeploymentsSharedGroupAlwaysCounts() {
        assertThat(ConsumerLag.live(group("notification-service", GroupState.EMPTY))).isTrue();
        assertThat(ConsumerLag.live(group("matching", GroupState.EMPTY))).isTrue();
    }

    private static GroupListing group(String id, GroupState state) {
        return new GroupListing(id, Optional.of(GroupType.CLASSIC), "consumer", Optional.of(state));
    }
}
