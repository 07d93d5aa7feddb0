package org.doorstep.matching.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.http.HttpStatusCode;

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
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

/**
 * Answers with problem details the requests that never reach WebFlux: a request line or headers beyond the
 * server's limits (Reactor Netty would answer 414 / 431 with an empty body) or unparseable as HTTP (400), and
 * a request target that is not a valid URI, such as a malformed percent-encoding {@code %ZZ} (Spring's
 * adapter would answer 400 with an empty body), whose path alone is not one ({@code //} before a query, which
 * Spring cannot turn back into a URI for a problem's {@code instance}: a 500), or whose path holds an encoded
 * slash ({@code %2F}, which the actuator's health groups take for two segments: a 500). Sits in each connection's
 * pipeline right after the HTTP codec; the connection is closed after the answer, and whatever else arrives on it
 * is dropped.
 */
final class MalformedRequests extends ChannelInboundHandlerAdapter {

    private boolean rejected;

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
        }
        ctx.fireChannelRead(message);
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
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    static byte[] json(HttpResponseStatus status, String title, String detail) {
        String type = Problems.BASE + Problems.typeOf(HttpStatusCode.valueOf(status.code()));
        return ("{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status.code()
                + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
