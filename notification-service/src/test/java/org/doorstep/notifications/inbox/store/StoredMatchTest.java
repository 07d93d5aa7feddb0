package org.doorstep.notifications.inbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StoredMatchTest {

    private static final String MATCH = "{\"matchId\":\"m-1\",\"score\":0.8,\"posting\":{\"title\":\"Java后端开发工程师\","
            + "\"location\":{\"address\":\"四川省成都市\"}}}";
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void storesTheJsonAsItsUtf8BytesAndReadsItBack() {
        Binary stored = StoredMatch.of(MATCH);
        assertThat(stored.getData()).isEqualTo(MATCH.getBytes(StandardCharsets.UTF_8));
        assertThat(StoredMatch.json(stored)).isEqualTo(MATCH);
    }

    @Test
    void readsWhatEarlierVersionsStored() {
        assertThat(StoredMatch.json(MATCH)).as("the JSON text as a string").isEqualTo(MATCH);
        assertThat(json.readTree(StoredMatch.json(Document.parse(MATCH)))).as("a nested document")
                .isEqualTo(json.readTree(MATCH));
    }
}
