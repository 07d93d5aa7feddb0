package org.doorstep.local;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerSentEventsTest {

    @Test
    void handsOverEachEventWithItsIdNameAndJoinedDataLinesAndSkipsComments() {
        List<ServerSentEvents.Event> events = new ArrayList<>();
        new ServerSentEvents(events::add).consume(Stream.of(
                ":heartbeat", "",
                "id: 7", "event: match.found", "data: {\"a\":1,", "data: \"b\":2}", "",
                "id: 8", "event: match.withdrawn", "data:{}", ""));

        assertThat(events).containsExactly(
                new ServerSentEvents.Event("7", "match.found", "{\"a\":1,\n\"b\":2}"),
                new ServerSentEvents.Event("8", "match.withdrawn", "{}"));
    }
}
