package org.doorstep.local.bench;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    private final Path data = Path.of("/data");

    @Test
    void defaultsToTheIssuesLoadAndQuickToTheSmokeLoad() {
        BenchOptions full = BenchOptions.parse(List.of(), data);
        BenchOptions quick = BenchOptions.parse(List.of("--quick"), data);

        assertThat(List.of(full.seekers(), full.rate(), full.seconds(), full.clusterSize())).containsExactly(100_000, 50, 300, 250);
        assertThat(List.of(quick.seekers(), quick.rate(), quick.seconds(), quick.watched())).containsExactly(2_000, 5, 20, 8);
        assertThat(List.of(full.warmup(), quick.warmup())).containsExactly(30, 10);
        assertThat(full.clusters()).isEqualTo(400);
    }

    @Test
    void takesEachOptionWithASpaceOrAnEqualsSign() {
        BenchOptions options = BenchOptions.parse(List.of("--quick", "--seekers", "20,000", "--rate=10", "--seconds", "60",
                "--watched", "12", "--fanout=100", "--seed", "7", "--data", "/elsewhere", "--warmup", "0"), data);

        assertThat(List.of(options.seekers(), options.rate(), options.seconds(), options.watched(), options.clusterSize()))
                .containsExactly(20_000, 10, 60, 12, 100);
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.warmup()).isZero();
        assertThat(options.dataDir()).isEqualTo(Path.of("/elsewhere"));
        assertThat(options.postings()).isEqualTo(600);
    }

    @Test
    void refusesUnknownOptionsAndNonsenseValuesNamingThem() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--speed", "3"), data)).hasMessageContaining("unknown option --speed");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--rate", "fast"), data)).hasMessageContaining("--rate fast is not a whole number");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--rate", "0"), data)).hasMessageContaining("--rate must be");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--seconds"), data)).hasMessageContaining("--seconds needs a value");
    }
}
