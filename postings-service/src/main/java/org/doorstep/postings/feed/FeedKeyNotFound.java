package org.doorstep.postings.feed;

public class FeedKeyNotFound extends RuntimeException {

    public FeedKeyNotFound(String keyId) {
        super("No feed key " + keyId + ".");
    }
}
