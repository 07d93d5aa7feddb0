package org.doorstep.matching.index;

import java.util.Arrays;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Collects the slots (in the compact store) of every retrieved document, for the caller to score:
 * Lucene only retrieves; the score is MatchScorer's.
 */
final class SlotCollector implements Collector {

    static final String SLOT = "slot";

    private final SlotsOfDocs slotsOfDocs;
    private int[] slots = new int[256];
    private int count;

    SlotCollector(SlotsOfDocs slotsOfDocs) {
        this.slotsOfDocs = slotsOfDocs;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) {
        int[] slotOfDoc = slotsOfDocs.of(context.reader());
        return new LeafCollector() {
            @Override
            public void setScorer(Scorable scorer) {
            }

            @Override
            public void collect(int doc) {
                int slot = slotOfDoc[doc];
                if (slot < 0) {
                    return;
                }
                if (count == slots.length) {
                    slots = Arrays.copyOf(slots, count * 2);
                }
                slots[count++] = slot;
            }
        };
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    /** The slots retrieved, in document order; {@link #count()} of them are valid. */
    int[] slots() {
        return slots;
    }

    int count() {
        return count;
    }

    /** Single-threaded search: the manager hands out one collector. */
    static CollectorManager<SlotCollector, SlotCollector> manager(SlotCollector collector) {
        return new CollectorManager<>() {
            @Override
            public SlotCollector newCollector() {
                return collector;
            }

            @Override
            public SlotCollector reduce(java.util.Collection<SlotCollector> collectors) {
                return collector;
            }
        };
    }
}
