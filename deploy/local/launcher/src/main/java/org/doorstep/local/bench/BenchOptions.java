package org.doorstep.local.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one benchmark run does: how many seekers it registers, how many postings a second it publishes
 * for how long, how many seekers it watches on live streams, where the reference data lives and the seed
 * every random choice derives from (the same seed gives the same seekers and postings).
 *
 * @param clusterSize seekers around one posting site with the site's occupation ({@code --fanout}): a posting
 *                    there can match all of them, and matching keeps the best 200; the default 250 makes each
 *                    posting fan out to up to 200 seekers
 * @param drain       how long to wait after the last posting for the watched seekers' deliveries
 * @param warmup      seconds of load at the same rate before the measured load ({@code --warmup}), reported apart:
 *                    the services' hot paths are compiled by the JIT during it (a cold JVM is 10-50x slower for
 *                    its first half minute at this load), so that the measured run shows the platform's steady state
 */
public record BenchOptions(int seekers, int rate, int seconds, int watched, long seed, Path dataDir,
                           int clusterSize, Duration drain, boolean quick, int warmup) {

    public static final long SEED = 20261202L;
    static final int CLUSTER_SIZE = 250;

    public BenchOptions {
        require(seekers >= 0, "--seekers must be 0 or more");
        require(rate >= 1 && rate <= 5_000, "--rate must be 1 to 5000 postings/s");
        require(seconds >= 1, "--seconds must be at least 1");
        require(watched >= 1 && watched <= 10_000, "--watched must be 1 to 10000");
        require(clusterSize >= 1, "clusterSize must be at least 1");
        require(warmup >= 0, "--warmup must be 0 or more seconds");
    }

    /** The load: 100,000 seekers, 50 postings/s for 5 minutes after 30 s of warm-up load, 50 watched seekers. */
    public static BenchOptions defaults(Path dataDir) {
        return new BenchOptions(100_000, 50, 300, 50, SEED, dataDir, CLUSTER_SIZE, Duration.ofSeconds(60), false, 30);
    }

    /** The smoke test's load: 2,000 seekers, 5 postings/s for 20 s after 10 s of warm-up load, 8 watched seekers. */
    public static BenchOptions quick(Path dataDir) {
        return new BenchOptions(2_000, 5, 20, 8, SEED, dataDir, CLUSTER_SIZE, Duration.ofSeconds(90), true, 10);
    }

    /** Parses {@code --quick --seekers N --rate R --seconds S --warmup S --watched W --fanout N --seed N --data DIR --drain S}. */
    public static BenchOptions parse(List<String> args, Path defaultDataDir) {
        BenchOptions options = args.contains("--quick") ? quick(defaultDataDir) : defaults(defaultDataDir);
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (name.equals("--quick")) {
                continue;
            }
            String value;
            if (name.contains("=")) {
                value = name.substring(name.indexOf('=') + 1);
                name = name.substring(0, name.indexOf('='));
            } else {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args.get(++i);
            }
            options = switch (name) {
                case "--seekers" -> options.with(number(name, value), options.rate, options.seconds, options.watched, options.seed, options.dataDir, options.drain);
                case "--rate" -> options.with(options.seekers, number(name, value), options.seconds, options.watched, options.seed, options.dataDir, options.drain);
                case "--seconds" -> options.with(options.seekers, options.rate, number(name, value), options.watched, options.seed, options.dataDir, options.drain);
                case "--watched" -> options.with(options.seekers, options.rate, options.seconds, number(name, value), options.seed, options.dataDir, options.drain);
                case "--seed" -> options.with(options.seekers, options.rate, options.seconds, options.watched, number(name, value), options.dataDir, options.drain);
                case "--data" -> options.with(options.seekers, options.rate, options.seconds, options.watched, options.seed, Path.of(value), options.drain);
                case "--fanout" -> options.withClusterSize(number(name, value));
                case "--warmup" -> options.withWarmup(number(name, value));
                case "--drain" -> options.with(options.seekers, options.rate, options.seconds, options.watched, options.seed, options.dataDir,
                        Duration.ofSeconds(number(name, value)));
                default -> throw new IllegalArgumentException("unknown option " + name
                        + " (--quick, --seekers, --rate, --seconds, --warmup, --watched, --fanout, --seed, --data, --drain)");
            };
        }
        return options;
    }

    public BenchOptions with(int seekers, int rate, int seconds, int watched, long seed, Path dataDir, Duration drain) {
        return new BenchOptions(seekers, rate, seconds, watched, seed, dataDir, clusterSize, drain, quick, warmup);
    }

    public BenchOptions withClusterSize(int clusterSize) {
        return new BenchOptions(seekers, rate, seconds, watched, seed, dataDir, clusterSize, drain, quick, warmup);
    }

    public BenchOptions withWarmup(int warmup) {
        return new BenchOptions(seekers, rate, seconds, watched, seed, dataDir, clusterSize, drain, quick, warmup);
    }

    /** Posting sites, each with its cluster of seekers; the first {@link #watchedClusters()} have a watched seeker. */
    int clusters() {
        return Math.max(watched, (seekers + clusterSize - 1) / clusterSize);
    }

    int watchedClusters() {
        return watched;
    }

    int postings() {
        return rate * seconds;
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " " + value + " is not a whole number");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
