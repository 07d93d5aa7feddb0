package org.doorstep.seekers.errors;

import java.io.IOException;

import org.doorstep.seekers.SeekersServiceTest;
import org.doorstep.testkit.LateBodyRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A GET whose body arrives while the answer is being sent, on a connection the service closes after answering, gets
 * its whole answer: without {@link LingeringClose} the kernel reset such connections and most answers were cut short.
 */
class LingeringCloseTest extends SeekersServiceTest {

    private static final int ROUNDS = 30;

    @LocalServerPort
    int port;

    @Test
    void answersInFullWhenAnUnreadBodyArrivesBeforeTheServiceCloses() throws IOException {
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(LateBodyRequest.answer(port, "/v3/api-docs")).as("round %d", round).startsWith("HTTP/1.1 200");
        }
    }
}
