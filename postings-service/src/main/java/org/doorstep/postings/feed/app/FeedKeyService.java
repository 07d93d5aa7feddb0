package org.doorstep.postings.feed.app;

import java.time.Clock;

import org.doorstep.postings.feed.FeedKey;
import org.doorstep.postings.feed.FeedKeyNotFound;
import org.doorstep.postings.feed.FeedKeyRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** An operator issues, looks up and revokes feed keys. */
@Service
public class FeedKeyService {

    private final FeedKeyRepository keys;
    private final Clock clock;

    FeedKeyService(FeedKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public Mono<FeedKey.Issued> issue(String name) {
        FeedKey.Issued issued = FeedKey.issue(name, clock.instant());
        return keys.insert(issued.key()).thenReturn(issued);
    }

    public Mono<FeedKey> get(String keyId) {
        return keys.find(keyId).switchIfEmpty(Mono.error(() -> new FeedKeyNotFound(keyId)));
    }

    public Mono<Void> revoke(String keyId) {
        return keys.delete(keyId).flatMap(removed -> removed ? Mono.<Void>empty()
                : Mono.error(new FeedKeyNotFound(keyId)));
    }
}
