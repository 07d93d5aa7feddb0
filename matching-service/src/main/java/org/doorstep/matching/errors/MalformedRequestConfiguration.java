package org.doorstep.matching.errors;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * Puts {@link MalformedRequests} right behind Reactor Netty's HTTP/1.1 codec on every connection, and
 * {@link EmptyErrorProblems} behind it.
 */
@Configuration(proxyBeanMethods = false)
class MalformedRequestConfiguration {

    static final String HANDLER = "doorstep.malformedRequests";
    static final String EMPTY_ERRORS = "doorstep.emptyErrorProblems";

    @Bean
    NettyServerCustomizer malformedRequestProblems() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER, new MalformedRequests());
                channel.pipeline().addAfter(HANDLER, EMPTY_ERRORS, new EmptyErrorProblems());
            }
        });
    }
}
