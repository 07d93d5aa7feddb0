package org.doorstep.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A JVM process started by the platform. Every such process carries the marker
 * {@code -Ddoorstep.home=<home>} on its command line, so that {@code down} stops exactly the
 * processes this platform started and never an unrelated process that reused a recorded pid.
 */
public final class ManagedProcess {

    private final String name;
    private final long pid;
    private final Path log;

    private ManagedProcess(String name, long pid, Path log) {
        this.name = name;
        this.pid = pid;
        this.log = log;
    }

    /** Starts {@code java <jvmArgs> <args>} with the marker, output appended to {@code log}. */
    public static ManagedProcess start(String name, String java, Path home, List<String> jvmArgs, List<String> args,
                                       Map<String, String> env, Path log) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add(marker(home));
        command.add("-Ddoorstep.process=" + name);
        command.addAll(jvmArgs);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            return new ManagedProcess(name, process.pid(), log);
        } catch (IOException e) {
            throw new PlatformException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** A process recorded earlier, if it still runs and still is ours. */
    static Optional<ManagedProcess> recorded(String name, long pid, Path home, Path log) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().commandLine().map(line -> line.contains(marker(home))).orElse(false))
                .map(handle -> new ManagedProcess(name, pid, log));
    }

    static String marker(Path home) {
        return "-Ddoorstep.home=" + home;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return pid;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** SIGTERM, then SIGKILL after the grace period; returns when the process is gone. */
    public void stop(Duration grace) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return;
        }
        handle.get().destroy();
        try {
            handle.get().onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timedOut) {
            handle.get().descendants().forEach(ProcessHandle::destroyForcibly);
            handle.get().destroyForcibly();
            handle.get().onExit().join();
        }
    }

    /** The last lines of the log, to explain a failed start. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
