package org.doorstep.matching.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SeekerReplayTest {

    @Test
    void theSeekersJudgedBeforeAStopAreIndexedOnlyAndThePostingsWaitUntilAllAreReadAgain() {
        SeekerReplay replay = new SeekerReplay();
        assertThat(replay.caughtUp()).as("before the seekers' partitions are assigned").isFalse();

        // partition 0: judged up to offset 9; partition 1: up to 4, and it ended at 3 (its last records compacted away)
        replay.assigned(Map.of(0, 10L, 1, 5L, 2, 0L), Map.of(0, 12L, 1, 4L, 2, 7L));

        assertThat(replay.judgedBefore(0, 9)).isTrue();
        assertThat(replay.judgedBefore(0, 10)).isFalse();
        assertThat(replay.judgedBefore(2, 0)).as("nothing committed: judged").isFalse();
        replay.read(0, 9, false);
        replay.read(2, 0, true);
        assertThat(replay.caughtUp()).as("partition 1 not read again yet").isFalse();
        replay.read(1, 2, false);
        assertThat(replay.caughtUp()).isFalse();
        replay.read(1, 3, false);
        assertThat(replay.caughtUp()).isTrue();
    }

    @Test
    void aFirstStartHasNothingToReadAgain() {
        SeekerReplay replay = new SeekerReplay();
        replay.assigned(Map.of(0, 0L, 1, 0L), Map.of(0, 40L, 1, 0L));

        assertThat(replay.caughtUp()).isTrue();
        assertThat(replay.judgedBefore(0, 0)).isFalse();
    }
}
