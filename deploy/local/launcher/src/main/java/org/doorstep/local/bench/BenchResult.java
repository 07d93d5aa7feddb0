package org.doorstep.local.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * What one benchmark run measured. Latencies are in microseconds; {@code samples} is the once-a-second
 * timeline of lag, matches and processes from the start of the load.
 *
 * @param warmLoad       the load at the same rate before the measured one (not measured): its postings accepted, and the
 *                       HTTP 201 -> SSE latency of those delivered
 * @param endToEnd       HTTP 201 of a posting to the first arrival of its match on a watched seeker's live stream
 * @param floor          the raw two-hop Kafka produce-to-consume latency in the same run
 * @param rateLimitedRetries PUTs answered 429 (the per-partner rate limit) and sent again a second later
 * @param postResponse   the posting PUT's own response time (send to 201)
 * @param postings       each accepted posting: when it was accepted (seconds since the load started) and its end-to-end latency
 * @param deliveredCounter notification-service's own count of matches handled (Prometheus), before and after, if it exports one
 * @param brokerRequests the broker's requests a second over the load, by type, busiest first (empty: not a local broker)
 */
public record BenchResult(BenchOptions options, String runId, Instant startedAt, int notificationInstances,
                          int seekersRegistered, double registrationSeconds, double warmUpSeconds, int warmDelivered,
                          WarmLoad warmLoad, int accepted, int delivered, Map<Integer, Integer> refusals, int rateLimitedRetries,
                          Histogram endToEnd, Histogram floor, Histogram postResponse,
                          List<Posting> postings, List<Timeline.Sample> samples,
                          double loadSeconds, double drainSeconds, int streamReconnects,
                          Double deliveredCounterBefore, Double deliveredCounterAfter, Map<String, Double> brokerRequests) {

    /** The warm-up load: postings accepted, and the latency of those that reached their watched seeker. */
    public record WarmLoad(int accepted, Histogram latency) {
    }

    /** A posting the platform accepted, {@code second}s after the load started; latency -1 when it never arrived. */
    public record Posting(double second, long latencyMicros) {

        boolean delivered() {
            return latencyMicros >= 0;
        }
    }

    /** The postings accepted in {@code [from, to)} seconds, and the latency of those delivered. */
    record Window(int accepted, Histogram latency) {
    }

    Window window(double from, double to) {
        Histogram latency = new Histogram(3);
        int accepted = 0;
        for (Posting posting : postings) {
            if (posting.second() >= from && posting.second() < to) {
                accepted++;
                if (posting.delivered()) {
                    latency.recordValue(posting.latencyMicros());
                }
            }
        }
        return new Window(accepted, latency);
    }

    public int missing() {
        return accepted - delivered;
    }

    /** Every posting the platform accepted reached its watched seeker. */
    public boolean everyWatchedPostingDelivered() {
        return accepted > 0 && delivered == accepted;
    }
}
