package org.doorstep.matching.platform;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/** Puts {@link KeepAliveReads} into every HTTP/1.1 connection, between the codec and Reactor Netty's own handler. */
@Component
class KeepAliveReadsCustomizer implements NettyServerCustomizer {

    static final String NAME = "doorstep.keepAliveReads";

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null && channel.pipeline().get(NAME) == null) {
                channel.pipeline().addBefore(NettyPipeline.HttpTrafficHandler, NAME, new KeepAliveReads());
            }
        });
    }
}
