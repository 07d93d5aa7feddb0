package org.doorstep.notifications;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.doorstep.notifications.partner.ApiKeys;
import tools.jackson.databind.node.ObjectNode;

/** Registers partners the way postings-service announces them: partner.upserted with key hashes. */
public final class Partners {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Partners() {
    }

    public static String newKey() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "dsk_k" + Long.toHexString(RANDOM.nextLong()) + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** Publishes the partner with these keys (status ACTIVE unless given) at this version. */
    public static void publish(String partnerId, long version, String status, List<String> keys) {
        ObjectNode partner = Events.example("org.doorstep.partner.upserted.v1");
        partner.put("partnerId", partnerId);
        partner.put("version", version);
        partner.put("status", status);
        partner.put("updatedAt", Instant.now().toString());
        var apiKeys = partner.putArray("apiKeys");
        for (String key : keys) {
            apiKeys.addObject().put("keyId", key.substring(4, key.indexOf('_', 4))).put("sha256", ApiKeys.sha256Hex(key));
        }
        Events.send(Events.PARTNERS, partnerId, "org.doorstep.partner.upserted.v1", partnerId, partner);
    }

    public static String register(String partnerId) {
        String key = newKey();
        publish(partnerId, 1, "ACTIVE", List.of(key));
        return key;
    }
}
