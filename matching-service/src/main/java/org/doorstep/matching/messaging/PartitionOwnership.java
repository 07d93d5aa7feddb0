package org.doorstep.matching.messaging;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * The index is a materialised view of the compacted topics. Postings: whenever this instance is given
 * partitions it reads them from the beginning (its share of open postings), and when partitions are
 * taken away their postings leave the index, so each posting, and so each pair, has one owner.
 * Seekers, and the feedback learned from ({@code learnFromFeedback}): every instance reads the whole topic from the
 * beginning when it starts; what the seekers group had committed then tells the seekers judged before
 * ({@link SeekerReplay}). The ledger keeps the re-reading from notifying anyone twice.
 */
@Component
class PartitionOwnership implements KafkaBindingRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionOwnership.class);

    private final PostingJudge judge;
    private final SeekerReplay replay;

    PartitionOwnership(PostingJudge judge, SeekerReplay replay) {
        this.judge = judge;
        this.replay = replay;
    }

    @Override
    public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
                                     boolean initial) {
        boolean wholeTopic = bindingName.startsWith("matchSeeker") || bindingName.startsWith("learnFromFeedback");
        if (bindingName.startsWith("matchSeeker") && initial) {
            Set<TopicPartition> assigned = new HashSet<>(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
            Map<Integer, Long> judged = new HashMap<>();
            Map<Integer, Long> endOf = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                judged.put(partition.partition(), offset == null ? 0 : offset.offset());
                endOf.put(partition.partition(), ends.getOrDefault(partition, 0L));
            }
            replay.assigned(judged, endOf);
        }
        if (bindingName.startsWith("matchPosting") || (wholeTopic && initial)) {
            log.info("{}: reading {} from the beginning", bindingName, partitions);
            consumer.seekToBeginning(partitions);
        }
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(String bindingName, Consumer<?, ?> consumer,
                                                Collection<TopicPartition> partitions) {
        if (bindingName.startsWith("matchPosting") && !partitions.isEmpty()) {
            List<Integer> shards = partitions.stream().map(TopicPartition::partition).toList();
            log.info("{}: releasing postings of partitions {}", bindingName, shards);
            judge.release(shards);
        }
    }
}
