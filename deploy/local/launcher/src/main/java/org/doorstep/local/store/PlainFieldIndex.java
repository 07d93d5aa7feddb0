package org.doorstep.local.store;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;

/**
 * A unique index of the in-memory store over plain field names (no dotted path), such as {@code _id}: it reads a
 * document's key straight from its fields. The library's index splits every key path with a regular expression and
 * streams the parts, five to ten times per index for each insert or update (it compares old and new keys, checks
 * for duplicates, removes and adds); a JFR profile of the platform at 25 postings/s put 19% of the store's samples
 * there. A document whose key field holds an array (a multikey entry) goes the library's way, as does an index over
 * a dotted path. Keys are normalised as the library normalises them (numbers as doubles, so 1 and 1.0 collide).
 */
final class PlainFieldIndex extends MemoryUniqueIndex {

    private final String[] fields;

    private PlainFieldIndex(String name, List<IndexKey> keys, boolean sparse, String[] fields) {
        super(name, keys, sparse);
        this.fields = fields;
    }

    /** This index when every key is a plain field name, else the library's. */
    static Index<Integer> of(String name, List<IndexKey> keys, boolean sparse) {
        String[] fields = keys.stream().map(IndexKey::getKey).toArray(String[]::new);
        for (String field : fields) {
            if (field.isEmpty() || field.contains(".") || field.startsWith("$")) {
                return new MemoryUniqueIndex(name, keys, sparse);
            }
        }
        return new PlainFieldIndex(name, keys, sparse, fields);
    }

    /** The key's values as stored (absent as null), or null if one of them is an array. */
    private Object[] values(Document document) {
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Object value = document.get(fields[i]);
            if (value instanceof Collection) {
                return null;
            }
            values[i] = value;
        }
        return values;
    }

    /** A sparse index leaves out documents that have none of its fields (a field set to null counts as present). */
    private boolean leftOut(Document document) {
        if (!isSparse()) {
            return false;
        }
        for (String field : fields) {
            if (document.containsKey(field)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Set<KeyValue> getKeyValues(Document document) {
        Object[] values = values(document);
        return values == null ? super.getKeyValues(document) : Set.of(new KeyValue(values).normalized());
    }

    @Override
    protected boolean nullAwareEqualsKeys(Document oldDocument, Document newDocument) {
        Object[] before = values(oldDocument);
        Object[] after = values(newDocument);
        if (before == null || after == null) {
            return super.nullAwareEqualsKeys(oldDocument, newDocument);
        }
        return new KeyValue(before).normalized().equals(new KeyValue(after).normalized());
    }

    @Override
    public synchronized void checkAdd(Document document, MongoCollection<Integer> collection) {
        Object[] values = values(document);
        if (values == null) {
            super.checkAdd(document, collection);
        } else if (!leftOut(document) && containsKey(new KeyValue(values).normalized())) {
            throw new DuplicateKeyError(this, collection, getKeys(), new KeyValue(values));
        }
    }

    @Override
    public synchronized void add(Document document, Integer position, MongoCollection<Integer> collection) {
        Object[] values = values(document);
        if (values == null) {
            super.add(document, position, collection);
            return;
        }
        checkAdd(document, collection);
        if (!leftOut(document) && !putKeyPosition(new KeyValue(values).normalized(), position)) {
            throw new IllegalArgumentException("Key " + new KeyValue(values) + " already exists. Concurrency issue?");
        }
    }

    @Override
    public synchronized void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Integer> collection) {
        Object[] before = values(oldDocument);
        Object[] after = values(newDocument);
        if (before == null || after == null) {
            super.checkUpdate(oldDocument, newDocument, collection);
            return;
        }
        KeyValue oldKey = new KeyValue(before).normalized();
        KeyValue newKey = new KeyValue(after).normalized();
        if (oldKey.equals(newKey) || leftOut(newDocument)) {
            return;
        }
        Integer position = getPosition(newKey);
        if (position != null && !position.equals(getPosition(oldKey))) {
            throw new DuplicateKeyError(this, collection, getKeys(), new KeyValue(after));
        }
    }

    /**
     * A document a sparse index leaves out has no position in it. The library looks up the null key instead, which
     * another document's explicit null may hold, and then refuses to update the first document at all.
     */
    @Override
    public Integer getPosition(Document document) {
        return leftOut(document) ? null : super.getPosition(document);
    }

    @Override
    public synchronized Integer remove(Document document) {
        Object[] values = values(document);
        if (values == null) {
            return super.remove(document);
        }
        return leftOut(document) ? null : removeDocument(new KeyValue(values).normalized());
    }
}
