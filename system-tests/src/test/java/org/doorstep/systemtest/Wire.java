package org.doorstep.systemtest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

import org.doorstep.local.DoorstepService;

/**
 * Sends a {@link HostileRequest} and reads the answer: through the JDK HttpClient (HTTP/1.1) when it can carry the
 * request as it is, else through a plain socket that writes the bytes as they are. Either way the answer of a
 * request that opened an event stream is cut after its headers.
 */
final class Wire implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_BODY = 4 * 1024 * 1024;

    /**
     * What came back; {@code failure} when no HTTP answer did (connection closed, timeout, not HTTP), with a
     * {@code note} that may help to find why.
     */
    record Answer(int status, Map<String, List<String>> headers, byte[] body, String failure, String note) {

        Answer(int status, Map<String, List<String>> headers, byte[] body) {
            this(status, headers, body, null, null);
        }

        static Answer failed(String why, String note) {
            return new Answer(0, Map.of(), new byte[0], why, note);
        }

        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        }

        boolean eventStream() {
            return header("content-type").map(t -> t.toLowerCase(Locale.ROOT).startsWith("text/event-stream")).orElse(false);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Map<DoorstepService, String> baseUrls;
    private final Executor executor;
    /** One client per sending thread: a connection it keeps alive has carried that thread's requests only. */
    private final ThreadLocal<HttpClient> clients;
    private final List<HttpClient> all = new CopyOnWriteArrayList<>();
    /** The last request each thread sent to each service through its client, to name when the next one hangs. */
    private final ThreadLocal<Map<DoorstepService, HostileRequest>> previous =
            ThreadLocal.withInitial(() -> new EnumMap<>(DoorstepService.class));

    /** Sends to the services at {@code baseUrls} ("http://127.0.0.1:8081"), the HttpClients' work on {@code executor}. */
    Wire(Map<DoorstepService, String> baseUrls, Executor executor) {
        if (!Boolean.getBoolean("jdk.httpclient.enableAllMethodRetry")) {
            // set in system-tests/pom.xml: without it a server's close of an idle kept-alive connection reads as a finding
            throw new IllegalStateException("run with -Djdk.httpclient.enableAllMethodRetry=true (see system-tests/pom.xml)");
        }
        this.baseUrls = Map.copyOf(baseUrls);
        this.executor = executor;
        this.clients = ThreadLocal.withInitial(() -> {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                    .executor(this.executor).build();
            all.add(client);
            return client;
        });
    }

    @Override
    public void close() {
        all.forEach(HttpClient::close);
    }

    String baseUrl(DoorstepService service) {
        return baseUrls.get(service);
    }

    Answer send(HostileRequest request) {
        boolean client = request.viaHttpClient();
        HostileRequest before = client ? previous.get().put(request.endpoint().service(), request) : null;
        try {
            return client ? viaHttpClient(request) : viaSocket(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed("interrupted", null);
        } catch (java.net.http.HttpTimeoutException | java.net.SocketTimeoutException e) {
            return Answer.failed("no answer within " + TIMEOUT.toSeconds() + " s", before == null ? null
                    : "the request this client sent to the service before: " + before.describe(baseUrl(before.endpoint().service())));
        } catch (IOException | RuntimeException e) {
            return Answer.failed(e.toString(), null);
        }
    }

    private Answer viaHttpClient(HostileRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl(request.endpoint().service()) + request.target()))
                .timeout(TIMEOUT)
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (HostileRequest.Header header : request.headers()) {
            builder.header(header.name(), header.value());
        }
        HttpResponse<byte[]> response = clients.get().send(builder.build(), info -> {
            boolean stream = info.statusCode() / 100 == 2 && info.headers().firstValue("content-type")
                    .map(t -> t.toLowerCase(Locale.ROOT).startsWith("text/event-stream")).orElse(false);
            return stream ? new CutShort() : HttpResponse.BodySubscribers.ofByteArray();
        });
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        return new Answer(response.statusCode(), headers, response.body());
    }

    /** Takes nothing of a body that does not end (an event stream): cancels it, which closes the connection. */
    private static final class CutShort implements HttpResponse.BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> body = new CompletableFuture<>();

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
            body.complete(new byte[0]);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
        }

        @Override
        public void onError(Throwable throwable) {
            body.complete(new byte[0]);
        }

        @Override
        public void onComplete() {
            body.complete(new byte[0]);
        }
    }

    private Answer viaSocket(HostileRequest request) throws IOException {
        URI base = URI.create(baseUrl(request.endpoint().service()));
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        write(head, request.method() + " " + request.target() + " HTTP/1.1\r\n");
        boolean host = false;
        boolean framed = false;
        for (HostileRequest.Header header : request.headers()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            host |= name.equals("host");
            framed |= name.equals("content-length") || name.equals("transfer-encoding");
            write(head, header.name() + ": " + header.value() + "\r\n");
        }
        if (!host) {
            write(head, "Host: " + base.getHost() + ":" + base.getPort() + "\r\n");
        }
        if (!framed && request.body() != null) {
            write(head, "Content-Length: " + request.body().length + "\r\n");
        }
        write(head, "Connection: close\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            // read while writing, as an HTTP client does: a server may answer and close before it has read a large
            // body (a GET with 270 KB it ignores, a request too large), and the reset its close sends once unread
            // bytes remain would discard an answer this client had not read yet
            InputStream in = new BufferedInputStream(socket.getInputStream());
            CompletableFuture<Answer> answer = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    answer.complete(read(in, request.method().equals("HEAD")));
                } catch (IOException | RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toByteArray());
                if (request.body() != null) {
                    out.write(request.body());
                }
                out.flush();
            } catch (IOException e) {
                // the server answered and closed before it read everything: its answer is being read
            }
            try {
                return answer.get(TIMEOUT.toMillis() + 1_000, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new java.net.SocketTimeoutException("no answer within " + TIMEOUT.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private static Answer read(InputStream in, boolean head) throws IOException {
        while (true) {
            String statusLine = line(in);
            if (statusLine == null) {
                return Answer.failed("connection closed without an answer", null);
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
                return Answer.failed("not an HTTP status line: " + HostileRequest.escape(statusLine), null);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(line.substring(colon + 1).strip());
                }
            }
            if (status / 100 == 1) {
                continue; // 100 Continue: the answer follows
            }
            Answer bare = new Answer(status, headers, new byte[0]);
            if (head || status == 204 || status == 304 || (status / 100 == 2 && bare.eventStream())) {
                return bare;
            }
            return new Answer(status, headers, body(in, headers));
        }
    }

    private static byte[] body(InputStream in, Map<String, List<String>> headers) throws IOException {
        List<String> length = headers.get("content-length");
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.getLast().toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (String size = line(in); size != null; size = line(in)) {
                int chunk = Integer.parseInt(size.split(";", 2)[0].strip(), 16);
                if (chunk == 0) {
                    break;
                }
                body.write(in.readNBytes(chunk));
                line(in);
                if (body.size() > MAX_BODY) {
                    break;
                }
            }
            return body.toByteArray();
        }
        if (length != null) {
            return in.readNBytes((int) Math.min(Long.parseLong(length.getFirst()), MAX_BODY));
        }
        return in.readNBytes(MAX_BODY);
    }

    /** A line up to CRLF (or LF), as ISO-8859-1; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void write(ByteArrayOutputStream out, String bytes) {
        out.writeBytes(bytes.getBytes(StandardCharsets.ISO_8859_1));
    }
}
