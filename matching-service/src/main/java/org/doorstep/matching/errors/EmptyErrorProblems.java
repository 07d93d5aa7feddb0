package org.doorstep.matching.errors;

import java.util.ArrayDeque;
import java.util.Deque;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.springframework.http.HttpStatusCode;

/**
 * Gives a problem body to every error response that leaves without one: Reactor Netty's own 400 for a body it cannot
 * decode (a broken chunk), the actuator's 404 for a health group that does not exist, and Spring's error responses
 * when the {@code Accept} header is not a list of media types (Spring then writes no body at all). The answer to a
 * HEAD only gets the problem content type: it never has a body. Sits right behind {@link MalformedRequests},
 * one instance per connection.
 */
final class EmptyErrorProblems extends ChannelDuplexHandler {

    /** A problem body promised in the headers of a response whose empty last content has not gone out yet. */
    private byte[] pendingBody;
    /** The methods of the requests passed on and not answered yet, oldest first (HTTP/1.1 answers in order). */
    private final Deque<HttpMethod> methods = new ArrayDeque<>();

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (message instanceof HttpRequest request) {
            methods.add(request.method());
        }
        context.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
        boolean head = message instanceof HttpResponse response && response.status().code() >= 200
                && HttpMethod.HEAD.equals(methods.poll());
        if (message instanceof HttpResponse response && emptyError(response)) {
            if (head) {
                // a HEAD answer never has a body: it still says what the body of a GET would be
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
                context.write(message, promise);
                return;
            }
            byte[] body = fallback(response.status());
            if (message instanceof FullHttpResponse full) {
                FullHttpResponse replaced = new DefaultFullHttpResponse(full.protocolVersion(), full.status(),
                        Unpooled.wrappedBuffer(body), full.headers().copy(), full.trailingHeaders().copy());
                ReferenceCountUtil.release(full);
                describe(replaced, body.length);
                context.write(replaced, promise);
            } else {
                describe(response, body.length);
                pendingBody = body;
                context.write(response, promise);
            }
            return;
        }
        if (pendingBody != null && message instanceof LastHttpContent last && !last.content().isReadable()) {
            LastHttpContent replaced = new DefaultLastHttpContent(Unpooled.wrappedBuffer(pendingBody));
            replaced.trailingHeaders().set(last.trailingHeaders());
            pendingBody = null;
            ReferenceCountUtil.release(last);
            context.write(replaced, promise);
            return;
        }
        context.write(message, promise);
    }

    /** An error status with nothing to say: a full response with no content, or headers that declare none. */
    private static boolean emptyError(HttpResponse response) {
        if (response.status().code() < 400) {
            return false;
        }
        return response instanceof FullHttpResponse full
                ? !full.content().isReadable()
                : HttpUtil.getContentLength(response, -1L) == 0;
    }

    private static void describe(HttpResponse response, int length) {
        response.headers()
                .remove(HttpHeaderNames.TRANSFER_ENCODING)
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, length);
    }

    /** The problem for an error response that came without one: what its status says. */
    private static byte[] fallback(HttpResponseStatus status) {
        String detail = switch (status.code()) {
            case 404 -> "There is nothing at this path.";
            case 406 -> "This resource has none of the media types the Accept header names, or the header names none.";
            default -> status.code() < 500 ? "The request could not be processed as sent."
                    : "The request could not be completed.";
        };
        return MalformedRequests.json(
                Problems.slug(HttpStatusCode.valueOf(status.code())), status.reasonPhrase(), status.code(), detail);
    }
}
