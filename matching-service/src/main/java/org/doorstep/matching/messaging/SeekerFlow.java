package org.doorstep.matching.messaging;

import java.util.function.Consumer;

import org.doorstep.matching.learning.FeedbackLearning;
import org.doorstep.matching.match.MatchEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * {@code matchSeeker}: every seeker (each instance reads the whole topic), indexed and matched against this instance's
 * postings; at a start, those judged before the process stopped are indexed only ({@link SeekerReplay}).
 */
@Configuration(proxyBeanMethods = false)
class SeekerFlow {

    @Bean
    Consumer<Message<byte[]>> matchSeeker(EventReader reader, DomainTranslator translator, MatchEngine engine,
                                          FeedbackLearning learning, SeekerReplay replay) {
        return message -> {
            int partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION) instanceof Integer p ? p : -1;
            long offset = message.getHeaders().get(KafkaHeaders.OFFSET) instanceof Long o ? o : -1;
            boolean judgedBefore = replay.judgedBefore(partition, offset);
            SeekerEvent event = reader.seeker(message);
            if (event != null) {
                switch (event) {
                    case SeekerEvent.SeekerUpserted upserted when judgedBefore ->
                            engine.seekerIndexed(translator.seeker(upserted.state()));
                    case SeekerEvent.SeekerUpserted upserted -> engine.seekerChanged(translator.seeker(upserted.state()));
                    case SeekerEvent.SeekerErased erased -> {
                        engine.seekerErased(erased.seekerId());
                        learning.forget(erased.seekerId());
                    }
                }
            }
            replay.read(partition, offset, !judgedBefore);
        };
    }
}
