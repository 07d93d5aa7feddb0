package org.doorstep.notifications.limits.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;

import org.doorstep.notifications.limits.AbuseLimits;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressesTest {

    private static ClientAddresses trusting(String... proxies) {
        return new ClientAddresses(new AbuseLimits(null, List.of(proxies)));
    }

    private static MockServerHttpRequest from(String remote, String... forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/v1/me/matches")
                .remoteAddress(new InetSocketAddress(remote, 40000));
        if (forwardedFor.length > 0) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.build();
    }

    @Test
    void isTheRemoteAddressWhenNoProxyIsTrusted() {
        assertThat(trusting().of(from("203.0.113.7", "198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void ignoresForwardedForFromAPeerThatIsNotATrustedProxy() {
        assertThat(trusting("10.0.0.0/8").of(from("203.0.113.7", "198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void isTheRightMostUntrustedHopBehindTrustedProxies() {
        // the client wrote 192.0.2.66 itself; the ingress (10.0.0.5) saw 198.51.100.1 and a second proxy 10.0.0.9
        assertThat(trusting("10.0.0.0/8").of(from("10.0.0.5", "192.0.2.66, 198.51.100.1", "10.0.0.9")))
                .isEqualTo("198.51.100.1");
    }

    @Test
    void isTheLastCheckedHopWhenAForwardedEntryIsNoAddress() {
        assertThat(trusting("10.0.0.5").of(from("10.0.0.5", "evil.example, 10.0.0.5"))).isEqualTo("10.0.0.5");
    }

    @Test
    void isTheTrustedProxyWhenItForwardsNothing() {
        assertThat(trusting("10.0.0.5").of(from("10.0.0.5"))).isEqualTo("10.0.0.5");
    }
}
