package org.doorstep.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformTest {

    @TempDir
    Path root;

    @Test
    void refusesToStartWhenAPortIsTakenNamingThePortAndItsVariable() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            PlatformSettings settings = PlatformSettings.fromEnvironment(Map.of(
                    "DOORSTEP_PROJECT_ROOT", root.toString(), "DOORSTEP_MONGO_PORT", String.valueOf(port)));

            assertThatThrownBy(() -> new Platform(settings, new Console(new PrintStream(new ByteArrayOutputStream()))).up())
                    .isInstanceOf(PlatformException.class)
                    .hasMessageContaining("port " + port + " (DOORSTEP_MONGO_PORT)");
            assertThat(root.resolve(".doorstep/pids")).doesNotExist();
        }
    }

    @Test
    void refusesToStartWhenTheConsolePortIsTakenNamingItsVariable() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            PlatformSettings settings = PlatformSettings.fromEnvironment(Map.of(
                    "DOORSTEP_PROJECT_ROOT", root.toString(), "DOORSTEP_CONSOLE_PORT", String.valueOf(port)));

            assertThatThrownBy(() -> new Platform(settings, new Console(new PrintStream(new ByteArrayOutputStream()))).up())
                    .isInstanceOf(PlatformException.class)
                    .hasMessageContaining("port " + port + " (DOORSTEP_CONSOLE_PORT)");
            assertThat(root.resolve(".doorstep/pids")).doesNotExist();
        }
    }

    @Test
    void stopsNothingWhenNothingWasStarted() {
        PlatformSettings settings = PlatformSettings.fromEnvironment(Map.of("DOORSTEP_PROJECT_ROOT", root.toString()));

        assertThat(new Platform(settings, new Console(new PrintStream(new ByteArrayOutputStream()))).down()).isZero();
    }

    @Test
    void keepsItsSecretsAcrossRestartsInAPrivateFile() throws IOException {
        PlatformState state = new PlatformState(root.resolve(".doorstep"));

        Map<String, String> first = state.secrets();
        Map<String, String> second = new PlatformState(root.resolve(".doorstep")).secrets();

        assertThat(first).containsKeys("DOORSTEP_OPERATOR_TOKEN", "DOORSTEP_AUDITOR_TOKEN", "DOORSTEP_SEEKER_JWT_SECRET")
                .isEqualTo(second);
        assertThat(first.get("DOORSTEP_AUDITOR_TOKEN")).startsWith("au_").isNotEqualTo(first.get("DOORSTEP_OPERATOR_TOKEN"));
        assertThat(first.get("DOORSTEP_SEEKER_JWT_SECRET").length()).isGreaterThanOrEqualTo(43);
        assertThat(Files.getPosixFilePermissions(root.resolve(".doorstep/secrets.env")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void addsTheAuditorTokenToSecretsWrittenBeforeItAndKeepsTheOthers() throws IOException {
        Path file = root.resolve(".doorstep/secrets.env");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "DOORSTEP_OPERATOR_TOKEN=op_kept\nDOORSTEP_SEEKER_JWT_SECRET=kept-secret-0123456789-0123456789-0123456789\n");

        Map<String, String> secrets = new PlatformState(root.resolve(".doorstep")).secrets();

        assertThat(secrets).containsEntry("DOORSTEP_OPERATOR_TOKEN", "op_kept")
                .containsEntry("DOORSTEP_SEEKER_JWT_SECRET", "kept-secret-0123456789-0123456789-0123456789");
        assertThat(secrets.get("DOORSTEP_AUDITOR_TOKEN")).startsWith("au_");
        assertThat(new PlatformState(root.resolve(".doorstep")).secrets()).isEqualTo(secrets);
    }

    @Test
    void writesCredentialsAsShellVariablesThatReadBack() {
        PlatformState state = new PlatformState(root.resolve(".doorstep"));
        Map<String, String> credentials = Map.of("DOORSTEP_PARTNER_KEY", "dsk_abc_def", "MONGODB_URI", "mongodb://127.0.0.1:27017");

        Path file = state.writeCredentials(credentials);

        assertThat(PlatformState.readEnv(file)).isEqualTo(credentials);
    }

    @Test
    void neverClaimsAProcessThatDoesNotCarryItsHomeMarker() {
        long self = ProcessHandle.current().pid();

        assertThat(ManagedProcess.recorded("impostor", self, root.resolve(".doorstep"), root.resolve("x.log"))).isEmpty();
    }
}
