package org.doorstep.matching.platform;

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
 * Answers with problem details the requests that never reach WebFlux: a request line or headers beyond the
 * server's limits (Reactor Netty would answer 414 / 431 with an empty body) or unparseable as HTTP (400), and
 * a request target that is not a valid URI, such as a malformed percent-encoding {@code %ZZ} (Spring's
 * adapter would answer 400 with an empty body), whose path alone is not one ({@code //} before a query, which
 * Spring cannot turn back into a URI for a problem's {@code instance}: a 500), or whose path holds an encoded
 * slash ({@code %2F}, which the actuator's health groups take for two segments: a 500). Sits in each connection's
 * pipeline right after the HTTP codec; the connection is closed after the answer, and whatever else arrives on it
 * is dropped.
 * <p>
 * On the way out, gives a problem body to any error response that leaves without one: Reactor Netty's own 400 for a
 * body it cannot decode (a broken chunk), the actuator's 404 for a health group that does not exist, and Spring's
 * error responses when the {@code Accept} header is not a list of media types (Spring then writes no body at all).
 */
final class MalformedRequests extends ChannelDuplexHandler {

    private boolean rejected;
    /** A problem body promised in the headers of a response whose empty last content has not gone out yet. */
    private byte[] pendingBody;
    /** The methods of the requests passed on and not answered yet, oldest first (HTTP/1.1 answers in order). */
    private final Deque<HttpMethod> methods = new ArrayDeque<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (rejected) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (message instanceof HttpRequest request) {
            FullHttpResponse rejection = rejectionOf(request);
            if (rejection != null) {
                rejected = true;
                ReferenceCountUtil.release(message);
                ctx.writeAndFlush(rejection).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            methods.add(request.method());
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        boolean head = message instanceof HttpResponse response && response.status().code() >= 200
                && HttpMethod.HEAD.equals(methods.poll());
        if (message instanceof HttpResponse response && emptyError(response)) {
            if (head) {
                // a HEAD answer never has a body: it still says what the body of a GET would be
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
                ctx.write(message, promise);
                return;
            }
            byte[] body = fallback(response.status());
            if (message instanceof FullHttpResponse full) {
                FullHttpResponse replaced = new DefaultFullHttpResponse(full.protocolVersion(), full.status(),
                        Unpooled.wrappedBuffer(body), full.headers().copy(), full.trailingHeaders().copy());
                ReferenceCountUtil.release(full);
                describe(replaced, body.length);
                ctx.write(replaced, promise);
            } else {
                describe(response, body.length);
                pendingBody = body;
                ctx.write(response, promise);
            }
            return;
        }
        if (pendingBody != null && message instanceof LastHttpContent last && !last.content().isReadable()) {
            LastHttpContent replaced = new DefaultLastHttpContent(Unpooled.wrappedBuffer(pendingBody));
            replaced.trailingHeaders().set(last.trailingHeaders());
            pendingBody = null;
            ReferenceCountUtil.release(last);
            ctx.write(replaced, promise);
            return;
        }
        ctx.write(message, promise);
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

    private static FullHttpResponse rejectionOf(HttpRequest request) {
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            Throwable cause = decoded.cause();
            if (cause instanceof TooLongHttpLineException) {
                return problem(HttpResponseStatus.REQUEST_URI_TOO_LONG, "URI Too Long",
                        "The request line is longer than this server accepts.");
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return problem(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request Header Fields Too Large",
                        "The request headers are larger than this server accepts.");
            }
            return problem(HttpResponseStatus.BAD_REQUEST, "Bad Request", "The request is not valid HTTP.");
        }
        String target = request.uri();
        String path = target.split("[?#]", 2)[0];
        if (!isUri(target) || !isUri(path)) {
            return problem(HttpResponseStatus.BAD_REQUEST, "Bad Request",
                    "The request target is not a valid URI (check its percent-encoding).");
        }
        if (path.toLowerCase(Locale.ROOT).contains("%2f")) {
            return problem(HttpResponseStatus.BAD_REQUEST, "Bad Request",
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
                    : "Something went wrong on our side; it has been logged.";
        };
        return json(status, status.reasonPhrase(), detail);
    }

    private static boolean isUri(String text) {
        try {
            new URI(text);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Constant texts only: nothing of the request is echoed. */
    private static FullHttpResponse problem(HttpResponseStatus status, String title, String detail) {
        byte[] body = json(status, title, detail);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        describe(response, body.length);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    private static byte[] json(HttpResponseStatus status, String title, String detail) {
        String type = Problems.BASE + Problems.typeOf(HttpStatusCode.valueOf(status.code()));
        return ("{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status.code()
                + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
