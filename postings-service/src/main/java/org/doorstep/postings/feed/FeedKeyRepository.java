package org.doorstep.postings.feed;

import reactor.core.publisher.Mono;

/** The port to the feed keys, by key id. */
public interface FeedKeyRepository {

    Mono<FeedKey> find(String keyId);

    Mono<FeedKey> insert(FeedKey key);

    /** True when a key was removed. */
    Mono<Boolean> delete(String keyId);
}
