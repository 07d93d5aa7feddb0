package org.doorstep.postings.errors;

import io.netty.channel.ChannelPipeline;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * Puts this service's per-connection Netty handlers around Reactor Netty's HTTP/1.1 codec on every connection:
 * {@link LingeringClose} right before it (plaintext connections), then behind it {@link MalformedRequests},
 * {@link EmptyErrorProblems} and {@link KeepAliveReads}, in that order.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionHandlersConfiguration {

    static final String LINGERING_CLOSE = "doorstep.lingeringClose";
    static final String MALFORMED_REQUESTS = "doorstep.malformedRequests";
    static final String EMPTY_ERRORS = "doorstep.emptyErrorProblems";
    static final String KEEP_ALIVE_READS = "doorstep.keepAliveReads";

    @Bean
    NettyServerCustomizer connectionHandlers() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) == null) {
                return;
            }
            if (pipeline.get(NettyPipeline.SslHandler) == null) {
                pipeline.addBefore(NettyPipeline.HttpCodec, LINGERING_CLOSE, new LingeringClose());
            }
            pipeline.addAfter(NettyPipeline.HttpCodec, MALFORMED_REQUESTS, new MalformedRequests())
                    .addAfter(MALFORMED_REQUESTS, EMPTY_ERRORS, new EmptyErrorProblems())
                    .addAfter(EMPTY_ERRORS, KEEP_ALIVE_READS, new KeepAliveReads());
        });
    }
}
