package org.doorstep.notifications.partner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Partner API keys are stored and published only as the SHA-256 hex of the whole key string. */
public final class ApiKeys {

    private ApiKeys() {
    }

    public static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Shape check before any lookup: {@code dsk_<keyId>_<secret>}. */
    public static boolean wellFormed(String key) {
        return key != null && key.startsWith("dsk_") && key.length() >= 20 && key.length() <= 512;
    }
}
