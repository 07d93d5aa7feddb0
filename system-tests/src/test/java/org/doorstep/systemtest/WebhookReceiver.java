package org.doorstep.systemtest;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * A partner's webhook endpoint on 127.0.0.1 (the local profile the services run in allows plain HTTP to loopback):
 * answers 204 to every POST and keeps the bodies, so a test can read the events the partner was sent.
 */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<JsonNode> batches = new CopyOnWriteArrayList<>();
    private final List<Signed> signed = new CopyOnWriteArrayList<>();

    /** A batch as received: the raw body and the signature headers, for a test that verifies them. */
    record Signed(String body, String timestamp, String signature) {
    }

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/hook", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                    receiver.signed.add(new Signed(text, exchange.getRequestHeaders().getFirst("Doorstep-Timestamp"),
                            exchange.getRequestHeaders().getFirst("Doorstep-Signature")));
                    receiver.batches.add(PlatformClient.json(text));
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newSingleThreadExecutor());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException("no webhook receiver", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Every event received so far, in order of arrival. */
    List<JsonNode> events() {
        List<JsonNode> events = new java.util.ArrayList<>();
        batches.forEach(batch -> batch.path("events").forEach(events::add));
        return events;
    }

    /** Every batch received so far with its signature headers. */
    List<Signed> signedBatches() {
        return List.copyOf(signed);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
