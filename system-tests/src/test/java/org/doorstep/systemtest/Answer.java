package org.doorstep.systemtest;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** What a client got from one request during a fault: the status, the problem it names, Retry-After, and how long it took. */
record Answer(String request, int status, String contentType, String retryAfter, String problemType, String body, Duration took) {

    /** Sends the request; a request that gets no answer (timeout, connection refused) is an answer with status 0. */
    static Answer of(String request, Supplier<HttpResponse<String>> send) {
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = send.get();
        } catch (RuntimeException noAnswer) {
            Throwable cause = noAnswer.getCause() == null ? noAnswer : noAnswer.getCause();
            return new Answer(request, 0, "", null, "", "no answer: " + cause, Duration.ofNanos(System.nanoTime() - started));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String problemType = contentType.startsWith("application/problem+json")
                ? PlatformClient.json(response.body()).path("type").asText() : "";
        return new Answer(request, response.statusCode(), contentType, response.headers().firstValue("Retry-After").orElse(null),
                problemType, response.body(), took);
    }

    /** Retry-After as a number of seconds, or 0 when absent or not a number. */
    int retryAfterSeconds() {
        try {
            return retryAfter == null ? 0 : Integer.parseInt(retryAfter.trim());
        } catch (NumberFormatException notSeconds) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return request + " -> " + status + " " + contentType + " Retry-After=" + retryAfter + " type=" + problemType
                + " in " + took.toMillis() + " ms" + (status >= 500 || status == 0 ? " " + body : "");
    }
}
