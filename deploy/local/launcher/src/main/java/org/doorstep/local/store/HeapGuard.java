package org.doorstep.local.store;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Locale;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Tells when the store's heap is full. The memory backend holds every document in the heap; once the live documents
 * fill it, each collection frees little and the process does nothing but collect, answering no one (measured with
 * {@code ./doorstep bench --seekers 100000} at the 4g of then: 88 full collections, 250 s of collecting, every
 * service's writes waiting on it). The store then refuses writes that add data instead, at once and saying why
 * ({@link JournaledBackend}), while reads and deletes go on.
 * <p>
 * Full: a full collection (the collector's last resort) left more than {@value #FULL} of the heap in use. Clear again:
 * any collection leaves less than {@value #CLEAR} (deletes, or expired documents removed, made room).
 */
public final class HeapGuard {

    static final double FULL = 0.90;
    static final double CLEAR = 0.80;

    private volatile boolean full;
    private volatile double occupancy;

    /** A guard told of every collection of this process's heap. */
    public static HeapGuard watchingThisProcess() {
        HeapGuard guard = new HeapGuard();
        long max = Runtime.getRuntime().maxMemory();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GarbageCollectionNotificationInfo info =
                                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                                .mapToLong(MemoryUsage::getUsed).sum();
                        guard.collected(isFull(info), (double) used / max);
                    }
                }, null, null);
            }
        }
        return guard;
    }

    private static boolean isFull(GarbageCollectionNotificationInfo info) {
        String name = (info.getGcName() + " " + info.getGcAction()).toLowerCase(Locale.ROOT);
        return name.contains("old") || name.contains("full") || name.contains("major") || name.contains("marksweep");
    }

    /** A collection ended with {@code occupancy} of the heap in use; {@code fullCollection}: the collector's last resort. */
    void collected(boolean fullCollection, double occupancy) {
        this.occupancy = occupancy;
        if (fullCollection && occupancy > FULL && !full) {
            full = true;
            System.err.printf(Locale.ROOT, "store: the heap is full (%.0f%% in use after a full collection); writes that "
                    + "add data are refused until there is room. Restart with a larger DOORSTEP_STORE_HEAP.%n", occupancy * 100);
        } else if (occupancy < CLEAR && full) {
            full = false;
            System.err.printf(Locale.ROOT, "store: the heap has room again (%.0f%% in use); writes are accepted.%n",
                    occupancy * 100);
        }
    }

    public boolean full() {
        return full;
    }

    /** The share of the heap in use after the last collection. */
    public double occupancy() {
        return occupancy;
    }
}
