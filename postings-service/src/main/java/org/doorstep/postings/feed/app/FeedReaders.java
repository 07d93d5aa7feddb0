package org.doorstep.postings.feed.app;

import org.doorstep.postings.feed.FeedKey;
import org.doorstep.postings.feed.FeedKeyRepository;
import org.doorstep.postings.partner.ApiKeyRejected;
import org.doorstep.postings.partner.Partner;
import org.doorstep.postings.partner.app.PartnerAuthenticator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may read the feed: any active partner by its API key ({@code dsk_...}), or a holder of a feed key an
 * operator issued ({@code dsf_...}). The answer is the reader's name for rate limiting: the partner id, or
 * {@code feed:<keyId>}.
 */
@Component
public class FeedReaders {

    private static final String BEARER = "Bearer ";

    private final PartnerAuthenticator partners;
    private final FeedKeyRepository keys;

    FeedReaders(PartnerAuthenticator partners, FeedKeyRepository keys) {
        this.partners = partners;
        this.keys = keys;
    }

    public Mono<String> authenticate(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String key = authorization.substring(BEARER.length()).trim();
            if (key.startsWith(FeedKey.PREFIX)) {
                String keyId = FeedKey.keyIdOf(key);
                return keyId == null ? Mono.error(rejected()) : keys.find(keyId)
                        .filter(found -> found.matches(key))
                        .map(found -> "feed:" + found.keyId())
                        .switchIfEmpty(Mono.error(FeedReaders::rejected));
            }
        }
        return partners.authenticate(authorization)
                .map(Partner::partnerId)
                .onErrorMap(ApiKeyRejected.class, e -> new ApiKeyRejected(
                        "A partner API key (Bearer dsk_...) or a feed key (Bearer dsf_...) is required."));
    }

    private static ApiKeyRejected rejected() {
        return new ApiKeyRejected("The feed key is not valid.");
    }
}
