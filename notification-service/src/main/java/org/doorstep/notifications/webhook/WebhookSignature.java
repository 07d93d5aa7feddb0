package org.doorstep.notifications.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies: {@code Doorstep-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}
 * with {@code Doorstep-Timestamp: <unix seconds>}; a receiver that knows only the secret can verify it.
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "Doorstep-Timestamp";
    public static final String SIGNATURE_HEADER = "Doorstep-Signature";
    public static final String DELIVERY_HEADER = "Doorstep-Delivery";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
