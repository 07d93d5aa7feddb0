package org.doorstep.local.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import org.doorstep.local.Console;

/**
 * Registers seekers through seekers-service's public API ({@code POST /api/v1/seekers}; it has no bulk
 * registration), {@value #IN_FLIGHT} requests in flight, a failed request retried up to 3 times.
 */
final class SeekerRegistration {

    static final int IN_FLIGHT = 32;
    private static final int ATTEMPTS = 3;

    /** A registered seeker: its id and token (for its live stream). */
    record Registered(String seekerId, String token) {
    }

    private final Http http;
    private final String seekersUrl;
    private final Console console;

    SeekerRegistration(Http http, String seekersUrl, Console console) {
        this.http = http;
        this.seekersUrl = seekersUrl;
        this.console = console;
    }

    /** Registers {@code count} seekers made by {@code body}; returns when all are registered, in order. */
    List<Registered> register(int count, IntFunction<String> body, String what) {
        List<Registered> registered = new ArrayList<>(java.util.Collections.nCopies(count, null));
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicInteger done = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long lastReport = start;
        for (int n = 0; n < count && failure.get() == null; n++) {
            inFlight.acquireUninterruptibly();
            int index = n;
            attempt(body.apply(n), 1).whenComplete((seeker, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, new IllegalStateException("Registering " + what + " " + index + " failed: " + error.getMessage(), error));
                } else {
                    synchronized (registered) {
                        registered.set(index, seeker);
                    }
                    done.incrementAndGet();
                }
                inFlight.release();
            });
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                lastReport = System.nanoTime();
                console.line("  registered %,d of %,d %s (%.0f/s)", done.get(), count, what, done.get() / ((lastReport - start) / 1e9));
            }
        }
        inFlight.acquireUninterruptibly(IN_FLIGHT);
        if (failure.get() != null) {
            throw failure.get();
        }
        return registered;
    }

    private CompletableFuture<Registered> attempt(String body, int attempt) {
        return http.send("POST", seekersUrl + "/api/v1/seekers", null, body).handle((reply, error) -> {
            if (error == null && reply.status() == 201) {
                return CompletableFuture.completedFuture(new Registered(reply.json().path("seekerId").asString(), reply.json().path("token").asString()));
            }
            if (error == null && reply.status() >= 400 && reply.status() < 500 && reply.status() != 429) {
                return CompletableFuture.<Registered>failedFuture(new IllegalStateException("HTTP " + reply.status() + " " + reply.body()));
            }
            if (attempt >= ATTEMPTS) {
                return CompletableFuture.<Registered>failedFuture(error != null ? error
                        : new IllegalStateException("HTTP " + reply.status() + " " + reply.body()));
            }
            return attempt(body, attempt + 1);
        }).thenCompose(future -> future);
    }
}
