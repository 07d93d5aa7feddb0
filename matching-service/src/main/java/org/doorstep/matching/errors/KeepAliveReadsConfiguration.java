package org.doorstep.matching.errors;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/** Puts {@link KeepAliveReads} right after the HTTP/1.1 codec of every connection. */
@Configuration(proxyBeanMethods = false)
class KeepAliveReadsConfiguration {

    static final String HANDLER = "doorstep.keepAliveReads";

    @Bean
    NettyServerCustomizer keepAliveReads() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER, new KeepAliveReads());
            }
        });
    }
}
