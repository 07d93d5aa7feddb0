package org.doorstep.notifications.errors;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * A lingering close, as nginx and Apache httpd make it: when the server closes a connection (an answer with
 * {@code Connection: close}, an idle timeout), it first sends everything written and its FIN, then reads and discards
 * what the client still sends until the client closes too, for at most {@link #LINGER_MILLIS}. Reactor Netty closes at
 * once, and a socket closed with unread bytes (a request body nobody read, such as a GET's, arriving while a large
 * answer is still being sent) makes the kernel send a reset that destroys the part of the answer the client has not
 * read yet: measured on every service, a 5 KB to 60 KB answer lost on most such connections (the system tests'
 * HostileRequestsTest found it; {@code LingeringCloseTest}). Sits right before the HTTP codec, one instance per
 * connection; plaintext connections only (TLS ends at the ingress).
 */
final class LingeringClose extends ChannelDuplexHandler {

    static final long LINGER_MILLIS = 2_000;

    private boolean lingering;

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (lingering || !(ctx.channel() instanceof DuplexChannel channel) || !channel.isActive()
                || channel.isOutputShutdown() || channel.isInputShutdown()) {
            ctx.close(promise);
            return;
        }
        lingering = true;
        channel.closeFuture().addListener(closed -> promise.trySuccess());
        var limit = ctx.executor().schedule(() -> {
            ctx.close();
        }, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(closed -> limit.cancel(false));
        // an empty write completes once everything written before it is sent: only then may the output be shut
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            if (!written.isSuccess()) {
                ctx.close();
                return;
            }
            channel.shutdownOutput().addListener(shut -> {
                if (!shut.isSuccess()) {
                    ctx.close();
                    return;
                }
                channel.config().setAutoRead(true);
                ctx.read();
            });
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (lingering) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!lingering) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (lingering && event instanceof ChannelInputShutdownEvent) {
            ReferenceCountUtil.release(event);
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }
}
