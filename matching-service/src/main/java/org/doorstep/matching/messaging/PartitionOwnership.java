package org.doorstep.matching.messaging;

import java.util.Collection;
import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
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
 * beginning when it starts. The ledger keeps
 * the re-reading from notifying anyone twice.
 */
@Component
class PartitionOwnership implements KafkaBindingRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionOwnership.class);

    private final PostingJudge judge;

    PartitionOwnership(PostingJudge judge) {
        this.judge = judge;
    }

    @Override
    public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
                                     boolean initial) {
        boolean wholeTopic = bindingName.startsWith("matchSeeker") || bindingName.startsWith("learnFromFeedback");
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
