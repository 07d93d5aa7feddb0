package org.doorstep.matching.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.lucene.document.Document;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** The in-memory index keeps no item id: a removed (erased) seeker's id is gone at once, not at the next merge. */
class SlotIndexTest {

    @Test
    void holdsNoTermWithTheIdOfAnItemOnceItIsRemoved() {
        try (SlotIndex<String> index = new SlotIndex<>(id -> id, (id, slot) -> new Document())) {
            for (int i = 0; i < 200; i++) {
                index.upsert("seeker-kept-" + i);
            }
            index.upsert("seeker-erased-5f1c");
            index.upsert("seeker-erased-5f1c"); // an update replaces the document by its key
            // one segment, as for a seeker indexed long before their erasure: a single deleted document in it
            // is too few for Lucene to rewrite the segment, so a deleted document's terms would stay
            index.optimise();

            index.remove("seeker-erased-5f1c");

            assertThat(index.get("seeker-erased-5f1c")).isNull();
            assertThat(index.size()).isEqualTo(200);
            List<BytesRef> terms = index.allTerms();
            assertThat(terms).as("the other items' documents are there").isNotEmpty();
            assertThat(terms).map(t -> new String(t.bytes, t.offset, t.length, StandardCharsets.ISO_8859_1))
                    .noneMatch(t -> t.contains("seeker-erased-5f1c"));
        }
    }

    @Test
    void reusesTheSlotOfARemovedItemWithoutReachingTheNewItemsDocument() {
        try (SlotIndex<String> index = new SlotIndex<>(id -> id, (id, slot) -> new Document())) {
            index.upsert("a");
            index.upsert("b");
            index.remove("a");
            index.upsert("c"); // takes a's slot
            index.upsert("c");

            assertThat(index.get("c")).isEqualTo("c");
            assertThat(index.get("b")).isEqualTo("b");
            Retrieved<String> all = index.search(new org.apache.lucene.search.MatchAllDocsQuery(), item -> 1.0, item -> 0, 10);
            assertThat(all.ranked()).extracting(Ranked::item).containsExactlyInAnyOrder("b", "c");
        }
    }
}
