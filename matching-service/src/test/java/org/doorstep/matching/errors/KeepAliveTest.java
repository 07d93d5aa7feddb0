package org.doorstep.matching.errors;

import java.io.IOException;

import org.doorstep.matching.MatchingServiceTest;
import org.doorstep.testkit.KeepAliveConnection;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request on a keep-alive connection is answered, whatever was answered before it: with Reactor Netty 1.3.6
 * about one request in a hundred after an error answer lay unread until the client gave up (reactor/reactor-netty#4361,
 * found by the system tests' HostileRequestsTest; {@link KeepAliveReads}).
 */
class KeepAliveTest extends MatchingServiceTest {

    private static final int ROUNDS = 500;

    @LocalServerPort
    int port;

    @Test
    void answersEveryRequestOnAKeepAliveConnectionAfterErrorAnswers() throws IOException {
        int answered = 0;
        try (KeepAliveConnection connection = new KeepAliveConnection(port)) {
            for (int round = 0; round < ROUNDS; round++) {
                assertThat(connection.get("/no-such-path")).as("GET /no-such-path").isBetween(400, 499);
                connection.get("/actuator/health");
                answered += 2;
            }
        }
        assertThat(answered).isEqualTo(2 * ROUNDS);
    }
}
