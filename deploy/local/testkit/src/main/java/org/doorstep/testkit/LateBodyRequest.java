package org.doorstep.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A request whose body arrives while the service is already answering: {@code GET path} with an 8-byte body and
 * {@code Connection: close}, the body sent only once the answer's first bytes are in. The service does not read a
 * GET's body; closing with those bytes unread made the kernel reset the connection and destroy the rest of the
 * answer (each service's {@code LingeringCloseTest}).
 */
public final class LateBodyRequest {

    private LateBodyRequest() {
    }

    /** Sends the request and gives the whole answer; an answer cut short by a reset or a missing end is an assertion error. */
    public static String answer(int port, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 8\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[512];
            int first = in.read(buffer);
            if (first < 0) {
                throw new AssertionError("GET " + path + ": connection closed without an answer");
            }
            answer.write(buffer, 0, first);
            out.write("[[[[[[[[".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            try {
                in.transferTo(answer);
            } catch (IOException e) {
                throw new AssertionError("GET " + path + ": " + e + " after " + answer.size() + " bytes of the answer", e);
            }
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            if (!complete(text)) {
                throw new AssertionError("GET " + path + ": answer cut short after " + answer.size() + " bytes");
            }
            return text;
        }
    }

    private static boolean complete(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = answer.substring(0, end).toLowerCase(Locale.ROOT);
        int body = answer.length() - end - 4;
        for (String line : head.split("\r\n")) {
            if (line.startsWith("content-length:")) {
                return body == Integer.parseInt(line.substring("content-length:".length()).strip());
            }
            if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
                return answer.endsWith("0\r\n\r\n");
            }
        }
        return true;
    }
}
