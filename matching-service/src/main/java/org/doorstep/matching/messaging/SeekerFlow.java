package org.doorstep.matching.messaging;

import java.util.function.Consumer;

import org.doorstep.matching.learning.FeedbackLearning;
import org.doorstep.matching.match.MatchEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** {@code matchSeeker}: every seeker (each instance reads the whole topic), indexed and matched against this instance's postings. */
@Configuration(proxyBeanMethods = false)
class SeekerFlow {

    @Bean
    Consumer<Message<byte[]>> matchSeeker(EventReader reader, DomainTranslator translator, MatchEngine engine,
                                          FeedbackLearning learning) {
        return message -> {
            SeekerEvent event = reader.seeker(message);
            if (event == null) {
                return;
            }
            switch (event) {
                case SeekerEvent.SeekerUpserted upserted -> engine.seekerChanged(translator.seeker(upserted.state()));
                case SeekerEvent.SeekerErased erased -> {
                    engine.seekerErased(erased.seekerId());
                    learning.forget(erased.seekerId());
                }
            }
        };
    }
}
