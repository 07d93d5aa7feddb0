package org.doorstep.notifications.delivery.messaging;

import java.util.Collection;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.doorstep.notifications.delivery.StreamPositions;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.stereotype.Component;

/** Tells {@link StreamPositions} which partitions of doorstep.matches.v1 this instance owns, and where they stand. */
@Component
class MatchPartitions implements KafkaBindingRebalanceListener {

    private static final String BINDING = "deliverMatch-in-0";

    private final StreamPositions positions;

    MatchPartitions(StreamPositions positions) {
        this.positions = positions;
    }

    @Override
    public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
                                     boolean initial) {
        if (!BINDING.equals(bindingName) || partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            positions.assigned(partition.partition(), consumer.position(partition), ends.get(partition));
        }
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(String bindingName, Consumer<?, ?> consumer,
                                                Collection<TopicPartition> partitions) {
        if (BINDING.equals(bindingName)) {
            positions.revoked(partitions.stream().map(TopicPartition::partition).toList());
        }
    }
}
