package org.doorstep.local.store;

import java.util.Collection;

import de.bwaldvogel.mongo.bson.Document;

/**
 * A query the wire server answers from a unique index exactly: one key, {@code {key: {$in: [strings]}}}. The server
 * finds such documents through the index and then matches every one found against the whole query again, which
 * for {@code $in} compares the document's key with each listed value: found x listed string comparisons. The
 * services read by {@code _id $in} lists of thousands (matching's ledger reads a round's pairs, their tombstones and
 * listings at once), so on a store that holds many of them that second match took 76% of the store's time (JFR, the
 * fourth quick bench on one platform) and quadratically more as data piled up. What the index found is already
 * exactly what such a query means: a string is its own index key, and a document is found by a listed value only
 * when its key equals it (or, for an array key, holds it), which is what {@code $in} asks.
 */
final class KeyedInQuery {

    private static final String IN = "$in";

    private KeyedInQuery() {
    }

    /** True when the documents an index found for {@code query} need no second match. */
    static boolean answeredByIndex(Document query) {
        if (query.size() != 1 || !(query.values().iterator().next() instanceof Document condition)) {
            return false;
        }
        return condition.size() == 1 && condition.get(IN) instanceof Collection<?> values
                && values.stream().allMatch(String.class::isInstance);
    }
}
