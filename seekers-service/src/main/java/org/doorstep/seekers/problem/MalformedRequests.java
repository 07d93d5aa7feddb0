package org.doorstep.seekers.problem;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.springframework.http.HttpStatusCode;

/**
 * Requests that never become an exchange, answered as problems instead of Reactor Netty's and Spring's empty
 * bodies: a request line or headers over the decoder's limits (414, 431), anything else the HTTP codec could not
 * decode (400), a request target that is not a URI (such as the percent-encoding {@code %ZZ}), which Spring
 * cannot turn into a request, or whose path alone is not one ({@code //} before a query, which Spring cannot
 * turn back into a URI for a problem's {@code instance}: a 500), and a path holding an encoded slash
 * ({@code %2F}, which the actuator's health groups take for two segments: a 500) (400). The connection is closed
 * after the answer, as Reactor Netty does.
 * <p>
 * On the way out, gives a problem body to any error response that leaves without one: Reactor Netty's own 400 for a
 * body it cannot decode (a broken chunk), the actuator's 404 for a health group that does not exist, and Spring's
 * error responses when the {@code Accept} header is not a list of media types (Spring then writes no body at all).
 * Sits right after the HTTP codec, one instance per connection.
 */
final class MalformedRequests extends ChannelDuplexHandler {

    private boolean discarding;
    /** A problem body promised in the headers of a response whose empty last content has not gone out yet. */
    private byte[] pendingBody;
    /** The methods of the requests passed on and not answered yet, oldest first (HTTP/1.1 answers in order). */
    private final Deque<HttpMethod> methods = new ArrayDeque<>();

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (discarding) {
            discarding = !(message instanceof LastHttpContent);
            ReferenceCountUtil.release(message);
            return;
        }
        if (message instanceof HttpRequest request) {
            FullHttpResponse problem = problem(request);
            if (problem != null) {
                discarding = !(message instanceof LastHttpContent);
                ReferenceCountUtil.release(message);
                context.writeAndFlush(problem).addListener(ChannelFutureListener.CLOSE);
                return;
            }
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

    private static FullHttpResponse problem(HttpRequest request) {
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            Throwable cause = decoded.cause();
            if (cause instanceof TooLongHttpLineException) {
                return response(HttpResponseStatus.REQUEST_URI_TOO_LONG, "uri-too-long", "URI Too Long",
                        "The request line is longer than this service accepts.");
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return response(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request-header-fields-too-large",
                        "Request Header Fields Too Large", "The request headers are larger than this service accepts.");
            }
            return response(HttpResponseStatus.BAD_REQUEST, "bad-request", "Bad Request",
                    "The request is not valid HTTP/1.1.");
        }
        String target = request.uri();
        String path = target.split("[?#]", 2)[0];
        if (!isUri(target) || !isUri(path)) {
            return response(HttpResponseStatus.BAD_REQUEST, "bad-request", "Bad Request",
                    "The request target is not a valid URI (check its percent-encoding).");
        }
        if (path.toLowerCase(Locale.ROOT).contains("%2f")) {
            return response(HttpResponseStatus.BAD_REQUEST, "bad-request", "Bad Request",
                    "The request path holds an encoded slash (%2F), which no resource of this service has.");
        }
        return null;
    }

    /** The problem for an error response that came without one: what its status says. */
    private static byte[] fallback(HttpResponseStatus status) {
        String detail = switch (status.code()) {
            case 404 -> "There is nothing at this path.";
            case 406 -> "This resource has none of the media types the Accept header names, or the header names none.";
            default -> status.code() < 500 ? "The request could not be processed as sent."
                    : "The request could not be completed.";
        };
        return json(Problems.slug(HttpStatusCode.valueOf(status.code())), status.reasonPhrase(), status.code(), detail);
    }

    private static boolean isUri(String target) {
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Fixed texts only: nothing of the malformed request is echoed. */
    private static FullHttpResponse response(HttpResponseStatus status, String type, String title, String detail) {
        byte[] body = json(type, title, status.code(), detail);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        describe(response, body.length);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    private static byte[] json(String type, String title, int status, String detail) {
        return """
                {"type":"%s%s","title":"%s","status":%d,"detail":"%s"}"""
                .formatted(Problems.BASE, type, title, status, detail).getBytes(StandardCharsets.UTF_8);
    }
}
