package org.doorstep.postings.errors;

import java.io.IOException;

import org.doorstep.postings.PostingsServiceTest;
import org.doorstep.testkit.LateBodyRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A GET whose body arrives while the answer is being sent, on a connection the service closes after answering, gets
 * its whole answer: without {@link LingeringClose} the kernel reset such connections and most answers were cut short.
 */
class LingeringCloseTest extends PostingsServiceTest {

    private static final int ROUNDS = 30;

    @Test
    void answersInFullWhenAnUnreadBodyArrivesBeforeTheServiceCloses() throws IOException {
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(LateBodyRequest.answer(port, "/v3/api-docs")).as("round %d", round).startsWith("HTTP/1.1 200");
        }
    }
}
