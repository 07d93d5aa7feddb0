package org.doorstep.seekers.seeker;

/** The profile changed between reading and writing it; the client should read it again and retry. */
public class ConcurrentChange extends RuntimeException {

    public ConcurrentChange(String seekerId) {
        super("seeker " + seekerId + " was changed concurrently");
    }
}
