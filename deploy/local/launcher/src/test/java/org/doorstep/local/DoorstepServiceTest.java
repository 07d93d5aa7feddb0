package org.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DoorstepServiceTest {

    @Test
    void aServiceStartsWithTheSmallDefaultsAndThenTheOperatorsOwnOptions() {
        assertThat(DoorstepService.jvmOptions(null)).containsExactly("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:+ExitOnOutOfMemoryError");
        assertThat(DoorstepService.jvmOptions("  ")).containsExactly("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:+ExitOnOutOfMemoryError");
        // later options win in the JVM: the operator's heap and JIT replace the defaults
        assertThat(DoorstepService.jvmOptions(" -Xmx1g   -XX:TieredStopAtLevel=4 "))
                .containsExactly("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-XX:+ExitOnOutOfMemoryError", "-Xmx1g", "-XX:TieredStopAtLevel=4");
    }
}
