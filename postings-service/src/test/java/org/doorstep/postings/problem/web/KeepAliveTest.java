package org.doorstep.postings.problem.web;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.doorstep.postings.PostingsServiceTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request on a keep-alive connection is answered, whatever was answered before it: with Reactor Netty 1.3.6
 * about one request in a hundred after an error answer lay unread until the client gave up (reactor/reactor-netty#4361,
 * found by the system tests' HostileRequestsTest; {@link KeepAliveReads}).
 */
class KeepAliveTest extends PostingsServiceTest {

    private static final int ROUNDS = 500;

    @Test
    void answersEveryRequestOnAKeepAliveConnectionAfterErrorAnswers() throws IOException {
        int answered = 0;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (int round = 0; round < ROUNDS; round++) {
                for (String path : List.of("/no-such-path", "/actuator/health")) {
                    out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    try {
                        int status = readAnswer(in);
                        if (path.equals("/no-such-path")) {
                            assertThat(status).as("GET %s", path).isBetween(400, 499);
                        }
                    } catch (SocketTimeoutException e) {
                        throw new AssertionError("GET " + path + " (request " + (answered + 1) + " on the connection) got no answer in 5 s", e);
                    }
                    answered++;
                }
            }
        }
        assertThat(answered).isEqualTo(2 * ROUNDS);
    }

    /** Reads one answer (framed by Content-Length or chunked) and gives its status. */
    private static int readAnswer(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = 0;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring("content-length:".length()).strip());
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        }
        if (chunked) {
            for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(), 16)) {
                in.readNBytes(size);
                line(in);
            }
            line(in);
        } else {
            in.readNBytes((int) length);
        }
        return status;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
