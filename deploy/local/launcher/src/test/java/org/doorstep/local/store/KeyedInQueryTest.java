package org.doorstep.local.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

class KeyedInQueryTest {

    @Test
    void onlyOneKeyListedAsStringsIsAnsweredByItsIndexAlone() {
        assertThat(KeyedInQuery.answeredByIndex(query("_id", new Document("$in", List.of("a", "b"))))).isTrue();
        assertThat(KeyedInQuery.answeredByIndex(query("feedKey", new Document("$in", List.of())))).isTrue();

        assertThat(KeyedInQuery.answeredByIndex(query("_id", "a"))).as("an equality is one lookup already").isFalse();
        assertThat(KeyedInQuery.answeredByIndex(query("_id", new Document("$in", List.of("a", 1))))).as("other types compare by value").isFalse();
        assertThat(KeyedInQuery.answeredByIndex(query("_id", new Document("$nin", List.of("a"))))).isFalse();
        assertThat(KeyedInQuery.answeredByIndex(query("_id", new Document("$in", List.of("a")).append("$ne", "b")))).isFalse();
        assertThat(KeyedInQuery.answeredByIndex(query("_id", new Document("$in", List.of("a"))).append("n", 2))).isFalse();
        assertThat(KeyedInQuery.answeredByIndex(new Document())).isFalse();
    }

    private static Document query(String key, Object value) {
        return new Document(key, value);
    }
}
