package org.doorstep.postings.outbox;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The documents, per collection, whose events this instance failed to publish or to mark sent: the
 * sweeper retries them by {@code _id} every sweep interval, instead of searching the collection for
 * pending entries (a scan on the MongoDB-wire server) that often.
 */
@Component
class DeferredDocuments {

    private final Map<String, Set<Object>> byCollection = new ConcurrentHashMap<>();

    void defer(String collection, Object id) {
        byCollection.computeIfAbsent(collection, c -> ConcurrentHashMap.newKeySet()).add(id);
    }

    /** The deferred ids of {@code collection}, now no longer deferred (a retry that fails defers them again). */
    List<Object> take(String collection) {
        Set<Object> ids = byCollection.get(collection);
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        List<Object> taken = List.copyOf(ids);
        taken.forEach(ids::remove);
        return taken;
    }
}
