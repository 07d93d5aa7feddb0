package org.doorstep.postings.posting.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

class NdjsonLinesTest {

    @Test
    void splitsLinesAcrossBufferBoundariesSkippingBlankOnesAndCarriageReturns() {
        List<NdjsonLines.Line> lines = split(100, "{\"a\":", "1}\r\n\n  \n{\"b\"", ":2}\n{\"c\":3}");

        assertThat(lines).extracting(NdjsonLines.Line::number).containsExactly(1L, 4L, 5L);
        assertThat(lines).extracting(l -> new String(l.bytes(), StandardCharsets.UTF_8))
                .containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
    }

    @Test
    void reportsALineOverTheLimitWithoutKeepingItAndGoesOn() {
        List<NdjsonLines.Line> lines = split(10, "{\"x\":\"0123456789", "0123456789\"}\n{\"ok\":1}\n");

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).tooLong()).isTrue();
        assertThat(lines.get(0).bytes()).isNull();
        assertThat(new String(lines.get(1).bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":1}");
    }

    private static List<NdjsonLines.Line> split(int maxLineBytes, String... chunks) {
        Flux<DataBuffer> body = Flux.fromArray(chunks)
                .map(chunk -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.getBytes(StandardCharsets.UTF_8)));
        return NdjsonLines.split(body, maxLineBytes).collectList().block();
    }
}
