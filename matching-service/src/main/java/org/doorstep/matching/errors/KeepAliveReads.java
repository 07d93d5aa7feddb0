package org.doorstep.matching.errors;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Works around reactor/reactor-netty#4361 (Reactor Netty 1.3.6, which Spring Boot 4.0.7 brings; fixed after 1.3.7):
 * on a keep-alive HTTP/1.1 connection, a request that arrives while the previous exchange is still being finished is
 * queued, and when that queue drains without dispatching a request Reactor Netty asks the channel for no more data.
 * The client's next request then lies unread until the client gives up: measured by the system tests'
 * HostileRequestsTest after about one answer in a hundred on a busy machine (more after error answers). After each
 * complete answer this asks the channel for more data, once the event-loop task that wrote it is done; a read asked
 * for while one is pending changes nothing, and an early request is queued by Reactor Netty as usual.
 * Sits right after the HTTP codec, one instance per connection.
 */
final class KeepAliveReads extends ChannelOutboundHandlerAdapter {

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent) {
            ChannelPromise written = promise.unvoid();
            written.addListener(future -> ctx.executor().execute(() -> {
                if (ctx.channel().isActive()) {
                    ctx.read();
                }
            }));
            ctx.write(msg, written);
            return;
        }
        ctx.write(msg, promise);
    }
}
