package org.doorstep.postings.partner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A freshly issued API key {@code dsk_<keyId>_<secret>} (secret: 32 random bytes, base64url). The
 * plain key exists only in this object, to be shown once; the partner keeps only {@link #apiKey()}.
 */
public record IssuedKey(String keyId, String plainKey, ApiKey apiKey) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    public static IssuedKey issue(Instant now) {
        byte[] id = new byte[6];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String keyId = HEX.formatHex(id);
        String plain = "dsk_" + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new IssuedKey(keyId, plain, new ApiKey(keyId, sha256(plain), now));
    }

    /** SHA-256, lower-case hex, of the whole key string as presented. */
    public static String sha256(String key) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "IssuedKey[" + keyId + "]";
    }
}
