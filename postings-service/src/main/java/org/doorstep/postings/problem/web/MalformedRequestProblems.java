package org.doorstep.postings.problem.web;

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
import org.doorstep.postings.problem.ProblemTypes;

/**
 * Answers, as problem+json, the requests the HTTP codec could not read (a request line over
 * {@code server.netty.max-initial-line-length}: 414; headers over {@code server.max-http-request-header-size}: 431;
 * anything else malformed: 400) and those whose target is not a URI (such as a {@code %} not followed by two hex
 * digits: 400), whose path alone is not one (a path of {@code //} before a query, which Spring cannot turn back
 * into a URI when it names the problem's {@code instance}: a 500), or whose path holds an encoded slash
 * ({@code %2F}, which the actuator's health groups take for two segments: a 500). Reactor Netty and Spring would
 * answer the first ones with an empty body; they never reach a controller. Closes the connection after answering.
 * <p>
 * On the way out, gives a problem body to any error response that leaves without one: Reactor Netty's own 400 for a
 * body it cannot decode (a broken chunk), the actuator's 404 for a health group that does not exist, and Spring's
 * error responses when the {@code Accept} header is not a list of media types (Spring then writes no body at all).
 * Sits right after the HTTP codec, one per connection.
 */
final class MalformedRequestProblems extends ChannelDuplexHandler {

    static final String NAME = "doorstep.malformedRequestProblems";

    private boolean discarding;
    /** A problem body promised in the headers of a response whose empty last content has not gone out yet. */
    private byte[] pendingBody;
    /** The methods of the requests passed on and not answered yet, oldest first (HTTP/1.1 answers in order). */
    private final Deque<HttpMethod> methods = new ArrayDeque<>();

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
            methods.add(request.method());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean head = msg instanceof HttpResponse response && response.status().code() >= 200
                && HttpMethod.HEAD.equals(methods.poll());
        if (msg instanceof HttpResponse response && emptyError(response)) {
            if (head) {
                // a HEAD answer never has a body: it still says what the body of a GET would be
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
                ctx.write(msg, promise);
                return;
            }
            byte[] body = json(fallback(response.status()));
            if (msg instanceof FullHttpResponse full) {
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
        if (pendingBody != null && msg instanceof LastHttpContent last && !last.content().isReadable()) {
            LastHttpContent replaced = new DefaultLastHttpContent(Unpooled.wrappedBuffer(pendingBody));
            replaced.trailingHeaders().set(last.trailingHeaders());
            pendingBody = null;
            ReferenceCountUtil.release(last);
            ctx.write(replaced, promise);
            return;
        }
        ctx.write(msg, promise);
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

    private record Problem(HttpResponseStatus status, URI type, String title, String detail) {
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
            return new Problem(HttpResponseStatus.BAD_REQUEST, ProblemTypes.BAD_REQUEST, "Bad request",
                    "The request is not valid HTTP/1.1.");
        }
        String target = request.uri();
        String path = target.split("[?#]", 2)[0];
        if (!isUri(target) || !isUri(path)) {
            return new Problem(HttpResponseStatus.BAD_REQUEST, ProblemTypes.BAD_REQUEST, "Bad request",
                    "The request target is not a valid URI (for instance a '%' not followed by two hex digits).");
        }
        if (path.toLowerCase(Locale.ROOT).contains("%2f")) {
            return new Problem(HttpResponseStatus.BAD_REQUEST, ProblemTypes.BAD_REQUEST, "Bad request",
                    "The request path holds an encoded slash (%2F), which no resource of this service has.");
        }
        return null;
    }

    /** The problem for an error response that came without one: what its status says. */
    private static Problem fallback(HttpResponseStatus status) {
        URI type = status.code() == 404 ? ProblemTypes.NOT_FOUND
                : status.code() < 500 ? ProblemTypes.BAD_REQUEST : ProblemTypes.INTERNAL;
        String detail = switch (status.code()) {
            case 404 -> "There is nothing at this path.";
            case 406 -> "This resource has none of the media types the Accept header names, or the header names none.";
            default -> status.code() < 500 ? "The request could not be processed as sent."
                    : "The request could not be processed.";
        };
        return new Problem(status, type, status.reasonPhrase(), detail);
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
    private static byte[] json(Problem problem) {
        return ("{\"type\":\"" + problem.type() + "\",\"title\":\"" + problem.title() + "\",\"status\":"
                + problem.status().code() + ",\"detail\":\"" + problem.detail() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static void respond(ChannelHandlerContext ctx, Problem problem) {
        byte[] body = json(problem);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, problem.status(),
                Unpooled.wrappedBuffer(body));
        describe(response, body.length);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
