package org.doorstep.postings.partner.app;

import org.doorstep.postings.partner.ApiKeyRejected;
import org.doorstep.postings.partner.IssuedKey;
import org.doorstep.postings.partner.Partner;
import org.doorstep.postings.partner.PartnerRepository;
import org.doorstep.postings.partner.PartnerSuspended;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Authenticates a partner by its {@code Authorization: Bearer dsk_...} key: the key's SHA-256 is
 * looked up among the valid keys of active partners, so a revoked key fails at once.
 */
@Component
public class PartnerAuthenticator {

    private static final String BEARER = "Bearer ";
    private static final int MAX_KEY_LENGTH = 200;

    private final PartnerRepository store;

    PartnerAuthenticator(PartnerRepository store) {
        this.store = store;
    }

    /**
     * The partner owning the key in {@code authorization}, or an {@link ApiKeyRejected} error; a suspended partner's
     * valid key is a {@link PartnerSuspended} error (known, but refused).
     */
    public Mono<Partner> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Mono.error(new ApiKeyRejected("A partner API key is required (Authorization: Bearer dsk_...)."));
        }
        String key = authorization.substring(BEARER.length()).trim();
        if (!key.startsWith("dsk_") || key.length() > MAX_KEY_LENGTH) {
            return Mono.error(new ApiKeyRejected("The API key is not valid."));
        }
        return store.findByKeyHash(IssuedKey.sha256(key))
                .switchIfEmpty(Mono.error(() -> new ApiKeyRejected("The API key is not valid.")))
                .flatMap(partner -> partner.active() ? Mono.just(partner) : Mono.error(new PartnerSuspended()));
    }
}
