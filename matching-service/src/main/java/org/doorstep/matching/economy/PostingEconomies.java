package org.doorstep.matching.economy;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The economy tags of every posting matching has read, keyed by postingId (one small document each, written as the
 * posting events are handled), and the operators' counts by tag: open postings, and the active matches of those
 * postings, both counted by the store, never by loading the ledger.
 */
public interface PostingEconomies {

    /** A posting's economy tags, and whether it is open. */
    record Tagged(String postingId, Set<EconomyTag> tags, boolean open) {
    }

    /**
     * The postings of one poll: their tags, and the ones closed; one write for all, idempotent (the same events again
     * write the same).
     */
    void record(List<Tagged> postings, Collection<String> closed);

    /** Per tag: {@code openPostings} and {@code activeMatches}. */
    Map<EconomyTag, Map<String, Long>> counts();
}
