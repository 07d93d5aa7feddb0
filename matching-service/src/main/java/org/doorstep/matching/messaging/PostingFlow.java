package org.doorstep.matching.messaging;

import java.util.function.Consumer;

import org.doorstep.matching.match.MatchEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/** {@code matchPosting}: postings of this instance's partitions, matched against every seeker. */
@Configuration(proxyBeanMethods = false)
class PostingFlow {

    @Bean
    Consumer<Message<byte[]>> matchPosting(EventReader reader, DomainTranslator translator, MatchEngine engine) {
        return message -> {
            PostingEvent event = reader.posting(message);
            if (event == null) {
                return; // a tombstone: postings close with an event first
            }
            switch (event) {
                case PostingEvent.PostingUpserted upserted ->
                        engine.postingChanged(translator.posting(upserted.state(), !"CLOSED".equals(upserted.state().status())),
                                partition(message));
                case PostingEvent.PostingClosed closed ->
                        engine.postingClosed(closed.state().postingId(), closed.state().version());
            }
        };
    }

    private static int partition(Message<?> message) {
        Object partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
        return partition instanceof Integer p ? p : -1;
    }
}
