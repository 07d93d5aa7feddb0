package org.doorstep.postings.posting.web;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;

/**
 * Splits a streamed NDJSON body into lines as the bytes arrive, holding at most one line (bounded by
 * {@code maxLineBytes}) in memory; a longer line is reported as too long instead of being kept.
 */
final class NdjsonLines {

    /** A physical line (1-based number); blank lines are skipped but counted. */
    record Line(long number, byte[] bytes, boolean tooLong) {
    }

    private NdjsonLines() {
    }

    static Flux<Line> split(Flux<DataBuffer> body, int maxLineBytes) {
        return Flux.defer(() -> {
            Splitter splitter = new Splitter(maxLineBytes);
            return body.concatMapIterable(buffer -> {
                        try {
                            byte[] chunk = new byte[buffer.readableByteCount()];
                            buffer.read(chunk);
                            return splitter.feed(chunk);
                        } finally {
                            DataBufferUtils.release(buffer);
                        }
                    })
                    .concatWith(Flux.defer(() -> Flux.fromIterable(splitter.finish())));
        });
    }

    private static final class Splitter {

        private final int maxLineBytes;
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();
        private boolean tooLong;
        private long number;

        Splitter(int maxLineBytes) {
            this.maxLineBytes = maxLineBytes;
        }

        List<Line> feed(byte[] chunk) {
            List<Line> lines = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < chunk.length; i++) {
                if (chunk[i] == '\n') {
                    append(chunk, start, i - start);
                    end(lines);
                    start = i + 1;
                }
            }
            append(chunk, start, chunk.length - start);
            return lines;
        }

        List<Line> finish() {
            List<Line> lines = new ArrayList<>();
            if (current.size() > 0 || tooLong) {
                end(lines);
            }
            return lines;
        }

        private void append(byte[] chunk, int offset, int length) {
            if (tooLong || length == 0) {
                return;
            }
            if (current.size() + length > maxLineBytes + 1) {
                tooLong = true;
                current.reset();
                return;
            }
            current.write(chunk, offset, length);
        }

        private void end(List<Line> lines) {
            number++;
            if (tooLong) {
                lines.add(new Line(number, null, true));
            } else {
                byte[] bytes = current.toByteArray();
                int length = bytes.length;
                if (length > 0 && bytes[length - 1] == '\r') {
                    length--;
                }
                if (!isBlank(bytes, length)) {
                    lines.add(new Line(number, length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length),
                            false));
                }
            }
            current.reset();
            tooLong = false;
        }

        private static boolean isBlank(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                if (bytes[i] != ' ' && bytes[i] != '\t') {
                    return false;
                }
            }
            return true;
        }
    }
}
