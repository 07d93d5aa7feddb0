package org.doorstep.notifications.webhook;

import org.doorstep.notifications.errors.InvalidRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production rules (no loopback, HTTPS only). No address here is ever called: the guard only resolves. */
class WebhookUrlGuardTest {

    private final WebhookUrlGuard production = new WebhookUrlGuard(false, false);
    private final WebhookUrlGuard local = new WebhookUrlGuard(true, true);

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/hook", "https://localhost/hook", "https://[::1]/hook",
            "http://localhost:8080/hook", "https://10.1.2.3/hook", "https://169.254.169.254/",
            "https://[fc00::5]/hook", "https://[::ffff:127.0.0.1]/hook", "https://198.18.0.1/hook",
            "https://255.255.255.255/hook", "http://93.184.216.34/hook"})
    void productionRefusesLoopbackPrivateLinkLocalAndPlainHttp(String url) {
        assertThatThrownBy(() -> production.check(url)).isInstanceOf(InvalidRequest.class)
                .satisfies(e -> assertThat(((InvalidRequest) e).field()).isEqualTo("url"));
    }

    @Test
    void productionAcceptsHttpsToAPublicAddress() {
        assertThat(production.check("https://93.184.216.34/doorstep/hook").getHost()).isEqualTo("93.184.216.34");
    }

    @Test
    void theLocalProfileAllowsPlainHttpToLocalhostOnly() {
        assertThat(local.check("http://localhost:8080/hook").getPort()).isEqualTo(8080);
        assertThatThrownBy(() -> local.check("http://93.184.216.34/hook")).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> local.check("https://10.0.0.1/hook")).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void signaturesAreHmacSha256OfTimestampDotBody() {
        assertThat(WebhookSignature.sign("secret", 1700000000L, "{}"))
                .isEqualTo("v1=" + hmac("secret", "1700000000.{}"));
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(WebhookSignature.newSecret());
    }

    private static String hmac(String secret, String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
