package org.doorstep.matching.errors;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

/**
 * Requests that never become an exchange, answered as problems instead of Reactor Netty's and Spring's empty
 * bodies: a request line or headers over the decoder's limits (414, 431), anything else the HTTP codec could not
 * decode (400), a request target that is not a URI (such as the percent-encoding {@code %ZZ}), which Spring
 * cannot turn into a request, or whose path alone is not one ({@code //} before a query, which Spring cannot
 * turn back into a URI for a problem's {@code instance}: a 500), and a path holding an encoded slash
 * ({@code %2F}, which the actuator's health groups take for two segments: a 500) (400). The connection is closed
 * after the answer, as Reactor Netty does.
 * Sits right after the HTTP codec, one instance per connection.
 */
final class MalformedRequests extends ChannelInboundHandlerAdapter {

    private boolean discarding;

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
        }
        context.fireChannelRead(message);
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
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    static byte[] json(String type, String title, int status, String detail) {
        return """
                {"type":"%s%s","title":"%s","status":%d,"detail":"%s"}"""
                .formatted(Problems.BASE, type, title, status, detail).getBytes(StandardCharsets.UTF_8);
    }
}
