package org.doorstep.notifications.webhook;

import org.doorstep.notifications.problem.InvalidRequest;
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

    /** Every IANA special-purpose block, every IPv6 form that embeds one, and ports outside 1-65535. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // IPv4 special-purpose registry (first, inner and last address of some blocks)
            "https://0.0.0.0/", "https://0.1.2.3/", "https://10.0.0.1/", "https://10.255.255.255/",
            "https://100.64.0.1/", "https://100.127.255.254/", "https://127.0.0.1/", "https://127.8.9.10/",
            "https://169.254.169.254/", "https://169.254.0.1/", "https://172.16.0.1/", "https://172.31.255.255/",
            "https://192.0.0.8/", "https://192.0.0.170/", "https://192.0.2.10/", "https://192.31.196.1/",
            "https://192.52.193.1/", "https://192.88.99.1/", "https://192.168.1.1/", "https://192.175.48.1/",
            "https://198.18.0.1/", "https://198.19.255.255/", "https://198.51.100.7/", "https://203.0.113.9/",
            "https://224.0.0.1/", "https://239.255.255.250/", "https://240.0.0.1/", "https://255.255.255.254/",
            "https://255.255.255.255/",
            // IPv6 loopback, unspecified, link-local, unique-local, multicast, documentation, discard
            "https://[::1]/", "https://[::]/", "https://[fe80::1]/", "https://[febf::1]/", "https://[fc00::1]/",
            "https://[fd12:3456:789a::1]/", "https://[ff02::1]/", "https://[ff0e::1]/", "https://[2001:db8::1]/",
            "https://[3fff::1]/", "https://[100::1]/",
            // IPv6 forms embedding an IPv4 address
            "https://[::ffff:169.254.169.254]/", "https://[::ffff:a9fe:a9fe]/", "https://[::ffff:10.0.0.1]/",
            "https://[::169.254.169.254]/", "https://[::a9fe:a9fe]/", "https://[::8.8.8.8]/",
            "https://[64:ff9b::a9fe:a9fe]/", "https://[64:ff9b::169.254.169.254]/", "https://[64:ff9b::7f00:1]/",
            "https://[64:ff9b:1::a9fe:a9fe]/", "https://[64:ff9b:1::808:808]/",
            "https://[2002:a9fe:a9fe::]/", "https://[2002:7f00:1::1]/", "https://[2002:c0a8:101::1]/",
            "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "https://[2001::1]/", "https://[::ffff:0:a9fe:a9fe]/",
            // ports
            "https://93.184.216.34:0/", "https://93.184.216.34:65536/", "https://93.184.216.34:99999999999/",
            // not an address literal, and no such host either
            "https://[not-an-address]/", "https://0x7f.0.0.1/"})
    void productionRefusesEverySpecialPurposeAddressAndPort(String url) {
        assertThatThrownBy(() -> production.check(url)).isInstanceOf(InvalidRequest.class)
                .satisfies(e -> assertThat(((InvalidRequest) e).field()).isEqualTo("url"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://93.184.216.34/hook", "https://8.8.8.8:8443/hook", "https://1.1.1.1:1/",
            "https://93.184.216.34:65535/", "https://[2606:4700:4700::1111]/hook", "https://[2a00:1450:4001:82b::200e]/",
            "https://[64:ff9b::5db8:d822]/", "https://[2002:5db8:d822::1]/", "https://100.63.255.255/",
            "https://100.128.0.1/", "https://172.32.0.1/", "https://198.20.0.1/", "https://223.255.255.254/"})
    void productionAcceptsPublicAddresses(String url) {
        assertThat(production.check(url).toString()).isEqualTo(url);
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
