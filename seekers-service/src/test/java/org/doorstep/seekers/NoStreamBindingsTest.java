package org.doorstep.seekers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Events leave through the outbox relay, so Spring Cloud Stream binds only the one consumer named in
 * {@code spring.cloud.function.definition} (application requests). A NettyServerCustomizer is a
 * {@code Function}: with function detection on, a single one was bound as a stream function (a consumer on
 * {@code malformedRequestProblems-in-0}, seen in the system tests' logs); with two, detection only logs a warning.
 */
class NoStreamBindingsTest extends SeekersServiceTest {

    @Autowired
    private BindingService bindings;
    @Autowired
    private ApplicationContext context;
    @Autowired
    private Environment environment;

    @Test
    void bindsOnlyTheApplicationConsumerNoneOfItsBeansThatHappenToBeFunctions() {
        assertThat(context.getBeanNamesForType(NettyServerCustomizer.class)).isNotEmpty();
        assertThat(environment.getProperty("spring.cloud.stream.function.autodetect", Boolean.class))
                .as("function detection, which would bind a lone Function bean").isFalse();
        assertThat(bindings.getConsumerBindingNames()).containsExactly("submitApplications-in-0");
        assertThat(bindings.getProducerBindingNames()).isEmpty();
    }
}
