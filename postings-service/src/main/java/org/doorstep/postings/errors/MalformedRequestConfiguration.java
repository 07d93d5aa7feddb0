package org.doorstep.postings.errors;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * Puts {@link MalformedRequestProblems} right after the HTTP/1.1 codec of every connection, and
 * {@link EmptyErrorProblems} behind it.
 */
@Configuration(proxyBeanMethods = false)
class MalformedRequestConfiguration {

    @Bean
    NettyServerCustomizer malformedRequestProblems() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, MalformedRequestProblems.NAME,
                        new MalformedRequestProblems());
                channel.pipeline().addAfter(MalformedRequestProblems.NAME, EmptyErrorProblems.NAME,
                        new EmptyErrorProblems());
            }
        });
    }
}
