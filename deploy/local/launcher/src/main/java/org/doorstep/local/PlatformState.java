package org.doorstep.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the platform keeps under its home: the processes it started ({@code pids}), its secrets
 * ({@code secrets.env}, created once) and the files it writes for users ({@code credentials.env}).
 */
final class PlatformState {

    private final Path home;

    PlatformState(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    void record(ManagedProcess process) {
        append(home.resolve("pids"), process.name() + " " + process.pid());
    }

    /** The recorded processes that still run and carry this home's marker, in start order. */
    List<ManagedProcess> running() {
        List<ManagedProcess> running = new ArrayList<>();
        for (String[] record : records()) {
            ManagedProcess.recorded(record[0], Long.parseLong(record[1]), home, home.resolve("logs").resolve(record[0] + ".log"))
                    .ifPresent(running::add);
        }
        return running;
    }

    /** The names of every process recorded since the platform started, in start order, each once. */
    List<String> recordedNames() {
        return records().stream().map(record -> record[0]).distinct().toList();
    }

    /** The lines of {@code pids} as {name, pid}, in start order. */
    private List<String[]> records() {
        Path file = home.resolve("pids");
        if (!Files.exists(file)) {
            return List.of();
        }
        return readLines(file).stream().map(line -> line.trim().split("\\s+")).filter(parts -> parts.length == 2).toList();
    }

    void forgetProcesses() {
        try {
            Files.deleteIfExists(home.resolve("pids"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The platform's secrets, generated on first use and kept (mode 600) so that tokens survive restarts; a secret
     * added since the file was written (the auditor token) is generated into it then.
     */
    Map<String, String> secrets() {
        Path file = home.resolve("secrets.env");
        Map<String, String> secrets = Files.exists(file) ? new LinkedHashMap<>(readEnv(file)) : new LinkedHashMap<>();
        boolean added = secrets.putIfAbsent("DOORSTEP_OPERATOR_TOKEN", "op_" + randomToken(32)) == null;
        added |= secrets.putIfAbsent("DOORSTEP_AUDITOR_TOKEN", "au_" + randomToken(32)) == null;
        added |= secrets.putIfAbsent("DOORSTEP_SEEKER_JWT_SECRET", randomToken(48)) == null;
        if (added) {
            writePrivate(file, secrets);
        }
        return readEnv(file);
    }

    Optional<Map<String, String>> demoPartner() {
        Path file = home.resolve("demo-partner.env");
        return Files.exists(file) ? Optional.of(readEnv(file)) : Optional.empty();
    }

    void saveDemoPartner(Map<String, String> partner) {
        writePrivate(home.resolve("demo-partner.env"), partner);
    }

    Path writeCredentials(Map<String, String> credentials) {
        Path file = home.resolve("credentials.env");
        writePrivate(file, credentials);
        return file;
    }

    static Map<String, String> readEnv(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : readLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                values.put(line.substring(0, eq).replaceFirst("^export\\s+", "").trim(), unquote(line.substring(eq + 1).trim()));
            }
        }
        return values;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("'") && value.endsWith("'") ? value.substring(1, value.length() - 1) : value;
    }

    private static void writePrivate(Path file, Map<String, String> values) {
        StringBuilder text = new StringBuilder("# written by ./doorstep; source it: . ").append(file).append('\n');
        values.forEach((name, value) -> text.append("export ").append(name).append("='").append(value).append("'\n"));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path file, String line) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
