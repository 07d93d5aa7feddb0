package org.doorstep.postings.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A key an operator issues to a reader of the feed that is not a partner (an aggregator): {@code dsf_<keyId>_<secret>},
 * shown once, kept as its SHA-256. The key names its id, so it is found by id and its hash compared.
 */
public record FeedKey(String keyId, String name, String sha256, Instant createdAt) {

    public static final String PREFIX = "dsf_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    public FeedKey {
        Objects.requireNonNull(keyId);
        Objects.requireNonNull(name);
        Objects.requireNonNull(sha256);
    }

    /** A new key with its plain text, which is never stored. */
    public record Issued(FeedKey key, String plainKey) {

        @Override
        public String toString() {
            return "Issued[" + key.keyId() + "]";
        }
    }

    public static Issued issue(String name, Instant now) {
        byte[] id = new byte[6];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String keyId = HEX.formatHex(id);
        String plain = PREFIX + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(new FeedKey(keyId, name, sha256(plain), now), plain);
    }

    /** The key id a presented key names, or null when it is not shaped as a feed key. */
    public static String keyIdOf(String plainKey) {
        if (!plainKey.startsWith(PREFIX) || plainKey.length() != PREFIX.length() + 12 + 1 + 43
                || plainKey.charAt(PREFIX.length() + 12) != '_') {
            return null;
        }
        String keyId = plainKey.substring(PREFIX.length(), PREFIX.length() + 12);
        return keyId.chars().allMatch(c -> Character.digit(c, 16) >= 0 && !Character.isUpperCase(c)) ? keyId : null;
    }

    /** Whether {@code plainKey} is this key, compared in constant time. */
    public boolean matches(String plainKey) {
        return MessageDigest.isEqual(sha256.getBytes(StandardCharsets.US_ASCII),
                sha256(plainKey).getBytes(StandardCharsets.US_ASCII));
    }

    private static String sha256(String key) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
