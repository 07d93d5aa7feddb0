package org.doorstep.matching.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.apache.lucene.util.BytesRef;

/**
 * A Lucene index in memory for retrieval plus a compact array of the items themselves, addressed by
 * slot (a doc-values field of every document). Lucene finds the candidates; the item is read from the
 * array by slot, never from stored fields. Writes are visible to the next search (near-real-time reopen
 * on demand). Not for concurrent writers: callers serialise writes; searches may run alongside.
 */
final class SlotIndex<T> implements AutoCloseable {

    /**
     * The key Lucene updates and deletes a document by: its slot, not the item's id, so that the index never
     * holds an id (a deleted document's terms stay in its segment until a merge; an erased seeker's id must not).
     */
    private static final String SLOT_KEY = "slotKey";
    /** Candidates scored per group (see {@link #scoreInGroups}); 16 measured the same as 8. */
    private static final int GROUP = 8;

    private final Function<T, String> idOf;
    private final BiFunction<T, Integer, Document> documentOf;
    /**
     * Each file in one heap buffer: Lucene clones its inputs for every term lookup and postings list,
     * and cloning a file kept in many small buffers copies the list of buffers each time.
     */
    private final Directory directory = new ByteBuffersDirectory(new SingleInstanceLockFactory(),
            ByteBuffersDataOutput::new, ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER);
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final SlotsOfDocs slotsOfDocs = new SlotsOfDocs();
    private int warmed;
    private final Map<String, Integer> slotById = new HashMap<>();
    private Object[] items = new Object[1024];
    private int[] free = new int[64];
    private int freeCount;
    private int highWater;
    private volatile boolean dirty;

    SlotIndex(Function<T, String> idOf, BiFunction<T, Integer, Document> documentOf) {
        this.idOf = idOf;
        this.documentOf = documentOf;
        try {
            IndexWriterConfig config = new IndexWriterConfig();
            config.setRAMBufferSizeMB(64);
            config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
            config.setCommitOnClose(false);
            writer = new IndexWriter(directory, config);
            // no query cache: the filters change with every posting and profile, caching them only costs
            searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader,
                                                 org.apache.lucene.index.IndexReader previous) {
                    IndexSearcher searcher = new IndexSearcher(reader);
                    searcher.setQueryCache(null);
                    return searcher;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void upsert(T item) {
        String id = idOf.apply(item);
        Integer slot = slotById.get(id);
        boolean fresh = slot == null;
        if (fresh) {
            slot = freeCount > 0 ? free[--freeCount] : highWater++;
            if (slot >= items.length) {
                items = Arrays.copyOf(items, items.length * 2);
            }
            slotById.put(id, slot);
        }
        items[slot] = item;
        Document document = documentOf.apply(item, slot);
        document.add(new StringField(SLOT_KEY, slotKey(slot), Field.Store.NO));
        document.add(new NumericDocValuesField(SlotCollector.SLOT, slot));
        try {
            if (fresh) {
                writer.addDocument(document); // nothing to replace: skips the delete-by-term lookup
            } else {
                writer.updateDocument(new Term(SLOT_KEY, slotKey(slot)), document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dirty = true;
    }

    synchronized T remove(String id) {
        Integer slot = slotById.remove(id);
        if (slot == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        T old = (T) items[slot];
        try {
            writer.deleteDocuments(new Term(SLOT_KEY, slotKey(slot)));
            // the slot is reused only after the next reopen, which no longer sees the deleted document (and a
            // delete by term never reaches a document added after it)
            refresh();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        items[slot] = null;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = slot;
        return old;
    }

    private static BytesRef slotKey(int slot) {
        return new BytesRef(new byte[] {(byte) (slot >>> 24), (byte) (slot >>> 16), (byte) (slot >>> 8), (byte) slot});
    }

    /** Every term of every field, deleted documents' included: what the index holds in memory (for tests). */
    synchronized List<BytesRef> allTerms() {
        List<BytesRef> terms = new ArrayList<>();
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                for (FieldInfo field : leaf.reader().getFieldInfos()) {
                    Terms fieldTerms = leaf.reader().terms(field.name);
                    if (fieldTerms == null) {
                        continue;
                    }
                    TermsEnum each = fieldTerms.iterator();
                    for (BytesRef term = each.next(); term != null; term = each.next()) {
                        terms.add(BytesRef.deepCopyOf(term));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    @SuppressWarnings("unchecked")
    synchronized T get(String id) {
        Integer slot = slotById.get(id);
        return slot == null ? null : (T) items[slot];
    }

    @SuppressWarnings("unchecked")
    T atSlot(int slot) {
        Object[] current = items;
        return slot < current.length ? (T) current[slot] : null;
    }

    synchronized int size() {
        return slotById.size();
    }

    int highWater() {
        return highWater;
    }

    /**
     * Retrieves with {@code query}, scores each hit, keeps the best {@code k}. {@code warm}
     * reads what scoring an item will read first (see {@link #scoreInGroups}).
     */
    Retrieved<T> search(Query query, ToDoubleFunction<T> scoreOf, ToIntFunction<T> warm, int k) {
        SlotCollector collector = new SlotCollector(slotsOfDocs);
        try {
            if (dirty) {
                synchronized (this) {
                    refresh();
                }
            }
            IndexSearcher searcher = searchers.acquire();
            try {
                searcher.search(query, SlotCollector.manager(collector));
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scoreInGroups(collector.slots(), collector.count(), scoreOf, warm, k);
    }

    /**
     * Scores the retrieved slots a group at a time: first every item of the group is read, then
     * {@code warm} reads of each what scoring reads first, then the group is scored. A candidate is a
     * random place in a heap of hundreds of megabytes; read one by one, each waits for its own cache
     * misses, while the independent reads of a group overlap (a third off the mean query time at a
     * million seekers, measured against scoring one by one in the same JVM).
     */
    private Retrieved<T> scoreInGroups(int[] slots, int count, ToDoubleFunction<T> scoreOf,
                                       ToIntFunction<T> warm, int k) {
        Object[] current = items;
        Object[] group = new Object[GROUP];
        TopK top = new TopK(k);
        int scored = 0;
        int touched = 0;
        for (int start = 0; start < count; start += GROUP) {
            int size = Math.min(GROUP, count - start);
            for (int j = 0; j < size; j++) {
                int slot = slots[start + j];
                group[j] = slot < current.length ? current[slot] : null;
            }
            for (int j = 0; j < size; j++) {
                @SuppressWarnings("unchecked")
                T item = (T) group[j];
                if (item != null) {
                    touched += warm.applyAsInt(item);
                }
            }
            for (int j = 0; j < size; j++) {
                @SuppressWarnings("unchecked")
                T item = (T) group[j];
                if (item == null) {
                    continue; // removed since the searcher was opened
                }
                scored++;
                double score = scoreOf.applyAsDouble(item);
                if (score >= 0) {
                    top.offer(slots[start + j], score);
                }
            }
        }
        warmed = touched; // a store keeps the compiler from dropping the reads
        return found(top.best(), scored);
    }

    /**
     * Scores every item: the baseline a benchmark compares retrieval with. One by one in slot order,
     * without the group reads of {@link #scoreInGroups}: memory read in order is prefetched anyway, and
     * most items are rejected before their arrays are read, which the group reads would read.
     */
    Retrieved<T> scan(ToDoubleFunction<T> scoreOf, int k) {
        TopK top = new TopK(k);
        int scanned = 0;
        for (int slot = 0; slot < highWater; slot++) {
            @SuppressWarnings("unchecked")
            T item = (T) items[slot];
            if (item != null) {
                scanned++;
                double score = scoreOf.applyAsDouble(item);
                if (score >= 0) {
                    top.offer(slot, score);
                }
            }
        }
        return found(top.best(), scanned);
    }

    private Retrieved<T> found(List<long[]> best, int candidates) {
        List<Ranked<T>> ranked = new ArrayList<>(best.size());
        for (long[] entry : best) {
            T item = atSlot((int) entry[0]);
            if (item != null) {
                ranked.add(new Ranked<>(item, TopK.score(entry)));
            }
        }
        return new Retrieved<>(ranked, candidates);
    }

    synchronized void refresh() throws IOException {
        dirty = false;
        searchers.maybeRefreshBlocking();
    }

    /** Merges segments after a bulk load, so queries touch few segments. */
    synchronized void optimise() {
        try {
            writer.forceMerge(1);
            refresh();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long ramBytes() {
        try {
            long bytes = 0;
            for (String file : directory.listAll()) {
                bytes += directory.fileLength(file);
            }
            return bytes + writer.ramBytesUsed();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
