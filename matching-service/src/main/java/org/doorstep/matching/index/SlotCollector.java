package org.doorstep.matching.index;

import java.util.List;
import java.util.function.IntToDoubleFunction;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Scores every retrieved document precisely (by its slot in the compact store) and keeps the top K.
 * Lucene only retrieves; the score is MatchScorer's.
 */
final class SlotCollector implements Collector {

    static final String SLOT = "slot";

    private final SlotsOfDocs slotsOfDocs;
    private final IntToDoubleFunction scoreOfSlot;
    private final TopK top;
    private int candidates;

    SlotCollector(SlotsOfDocs slotsOfDocs, IntToDoubleFunction scoreOfSlot, int k) {
        this.slotsOfDocs = slotsOfDocs;
        this.scoreOfSlot = scoreOfSlot;
        this.top = new TopK(k);
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) {
        int[] slots = slotsOfDocs.of(context.reader());
        return new LeafCollector() {
            @Override
            public void setScorer(Scorable scorer) {
            }

            @Override
            public void collect(int doc) {
                int slot = slots[doc];
                if (slot < 0) {
                    return;
                }
                candidates++;
                double score = scoreOfSlot.applyAsDouble(slot);
                if (score >= 0) {
                    top.offer(slot, score);
                }
            }
        };
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    List<long[]> best() {
        return top.best();
    }

    int candidates() {
        return candidates;
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
