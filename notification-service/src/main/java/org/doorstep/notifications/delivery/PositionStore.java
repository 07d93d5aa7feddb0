package org.doorstep.notifications.delivery;

/** The highest feed sequence the jobs issued per partition of doorstep.matches.v1 (survives restarts). */
public interface PositionStore {

    /** The highest job sequence reserved on the partition, or 0. */
    long jobSequence(int partition);

    /** Records that sequences up to {@code sequence} may be in use on the partition (never lowers it). */
    void reserve(int partition, long sequence);
}
