package org.doorstep.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process's CPU time and memory from Linux's /proc: {@code stat} (user and system time, in clock
 * ticks of 1/100 s) and {@code status} (VmRSS, and VmHWM: the peak resident set since it started).
 */
record ProcessUsage(long cpuTicks, long rssKb, long peakRssKb) {

    static final double TICKS_PER_SECOND = 100;

    static Optional<ProcessUsage> of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // the command name may hold spaces: fields are counted after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            long rss = 0;
            long peak = 0;
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kilobytes(line);
                }
            }
            return Optional.of(new ProcessUsage(ticks, rss, peak));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
