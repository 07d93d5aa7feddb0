package org.doorstep.postings.partner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A partner job board: its valid API keys (hashes only) and its status. Every change increments {@code version}. */
public record Partner(String partnerId, String name, String contactEmail, PartnerStatus status, long version,
                      List<ApiKey> apiKeys, Instant createdAt, Instant updatedAt, Quota quota) {

    public Partner {
        Objects.requireNonNull(partnerId);
        Objects.requireNonNull(name);
        apiKeys = List.copyOf(apiKeys);
    }

    public static PartnerChange register(String partnerId, String name, String contactEmail, ApiKey firstKey,
                                         Instant now) {
        Partner partner = new Partner(partnerId, name, contactEmail, PartnerStatus.ACTIVE, 1, List.of(firstKey),
                now, now, null);
        return new PartnerChange(partner, List.of(new PartnerUpserted(partner)));
    }

    /** Adds a key; the existing ones stay valid, so a partner can rotate without downtime. */
    public PartnerChange addKey(ApiKey key, Instant now) {
        List<ApiKey> keys = new ArrayList<>(apiKeys);
        keys.add(key);
        return changed(keys, now);
    }

    /** Revokes a key: it stops working here and, through the published registry, everywhere else. */
    public PartnerChange revokeKey(String keyId, Instant now) {
        List<ApiKey> keys = apiKeys.stream().filter(k -> !k.keyId().equals(keyId)).toList();
        if (keys.size() == apiKeys.size()) {
            throw new ApiKeyNotFound(keyId);
        }
        return changed(keys, now);
    }

    /** Suspends the partner: its keys are refused. Suspending a suspended partner changes nothing. */
    public PartnerChange suspend(Instant now) {
        return status == PartnerStatus.SUSPENDED ? unchanged() : next(PartnerStatus.SUSPENDED, apiKeys, quota, now);
    }

    /** Reinstates a suspended partner; an active one is unchanged. */
    public PartnerChange reinstate(Instant now) {
        return status == PartnerStatus.ACTIVE ? unchanged() : next(PartnerStatus.ACTIVE, apiKeys, quota, now);
    }

    /** Sets (or, with null, removes) the partner's own rate limit. */
    public PartnerChange withQuota(Quota newQuota, Instant now) {
        return Objects.equals(quota, newQuota) ? unchanged() : next(status, apiKeys, newQuota, now);
    }

    public boolean active() {
        return status == PartnerStatus.ACTIVE;
    }

    private PartnerChange changed(List<ApiKey> keys, Instant now) {
        return next(status, keys, quota, now);
    }

    private PartnerChange next(PartnerStatus newStatus, List<ApiKey> keys, Quota newQuota, Instant now) {
        Partner next = new Partner(partnerId, name, contactEmail, newStatus, version + 1, keys, createdAt, now,
                newQuota);
        return new PartnerChange(next, List.of(new PartnerUpserted(next)));
    }

    private PartnerChange unchanged() {
        return new PartnerChange(this, List.of());
    }
}
