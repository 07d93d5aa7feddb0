package org.doorstep.postings.errors;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
import org.doorstep.postings.problem.ProblemTypes;

/**
 * Answers, as problem+json, the requests the HTTP codec could not read (a request line over
 * {@code server.netty.max-initial-line-length}: 414; headers over {@code server.max-http-request-header-size}: 431;
 * anything else malformed: 400) and those whose target is not a URI (such as a {@code %} not followed by two hex
 * digits: 400), whose path alone is not one (a path of {@code //} before a query, which Spring cannot turn back
 * into a URI when it names the problem's {@code instance}: a 500), or whose path holds an encoded slash
 * ({@code %2F}, which the actuator's health groups take for two segments: a 500). Reactor Netty and Spring would
 * answer the first ones with an empty body; they never reach a controller. Closes the connection after answering.
 * Sits right after the HTTP codec, one per connection.
 */
final class MalformedRequestProblems extends ChannelInboundHandlerAdapter {

    static final String NAME = "doorstep.malformedRequestProblems";

    private boolean discarding;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (discarding) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            Problem problem = problem(request);
            if (problem != null) {
                discarding = true;
                ReferenceCountUtil.release(msg);
                respond(ctx, problem);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    record Problem(HttpResponseStatus status, URI type, String title, String detail) {
    }

    private static Problem problem(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            if (cause instanceof TooLongHttpLineException) {
                return new Problem(HttpResponseStatus.REQUEST_URI_TOO_LONG, ProblemTypes.BAD_REQUEST, "URI too long",
                        "The request line is longer than this server accepts.");
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return new Problem(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, ProblemTypes.BAD_REQUEST,
                        "Request headers too large", "The request headers are larger than this server accepts.");
            }
            return new Problem(HttpResponseStatus.BAD_REQUEST, ProblemTypes.BAD_REQUEST, "Bad Request",
                    "The request is not valid HTTP/1.1.");
        }
        String target = request.uri();
        String path = target.split("[?#]", 2)[0];
        if (!isUri(target) || !isUri(path)) {
            return new Problem(HttpResponseStatus.BAD_REQUEST, ProblemTypes.BAD_REQUEST, "Bad Request",
                    "The request target is not a valid URI (for instance a '%' not followed by two hex digits).");
        }
        if (path.toLowerCase(Locale.ROOT).contains("%2f")) {
            return new Problem(HttpResponseStatus.BAD_REQUEST, ProblemTypes.BAD_REQUEST, "Bad Request",
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

    /** Fixed texts only: nothing of the request is echoed. */
    static byte[] json(Problem problem) {
        return ("{\"type\":\"" + problem.type() + "\",\"title\":\"" + problem.title() + "\",\"status\":"
                + problem.status().code() + ",\"detail\":\"" + problem.detail() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static void respond(ChannelHandlerContext ctx, Problem problem) {
        byte[] body = json(problem);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, problem.status(),
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
