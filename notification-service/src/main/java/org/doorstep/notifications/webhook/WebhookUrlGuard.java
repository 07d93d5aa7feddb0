package org.doorstep.notifications.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import org.doorstep.notifications.errors.InvalidRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Refuses webhook URLs that would let a partner make this service call inside the network (SSRF):
 * only HTTPS, no credentials in the URL, and every address the host resolves to must be public.
 * Checked on registration and again before every delivery (DNS may change). In the local profile,
 * plain HTTP and loopback are allowed for localhost receivers.
 */
@Component
public class WebhookUrlGuard {

    private final boolean allowLoopback;
    private final boolean allowPlainHttpLocalhost;

    @Autowired
    public WebhookUrlGuard(WebhookSettings settings) {
        this(settings.allowLoopback(), settings.allowPlainHttpLocalhost());
    }

    public WebhookUrlGuard(boolean allowLoopback, boolean allowPlainHttpLocalhost) {
        this.allowLoopback = allowLoopback;
        this.allowPlainHttpLocalhost = allowPlainHttpLocalhost;
    }

    /** The checked URL, or an {@link InvalidRequest} on field {@code url} saying why not. */
    public URI check(String url) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url.trim());
        } catch (IllegalArgumentException e) {
            throw refused("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isBlank() || !uri.isAbsolute()) {
            throw refused("must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused("must not carry credentials");
        }
        boolean localhostName = isLocalhostName(host);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowPlainHttpLocalhost && localhostName)) {
            throw refused("must use https");
        }
        List<InetAddress> addresses = resolve(host);
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress() && allowLoopback) {
                continue;
            }
            if (!isPublic(address)) {
                throw refused("points to a private, loopback or link-local address");
            }
        }
        return uri;
    }

    private static boolean isLocalhostName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]") || h.equals("::1");
    }

    private static List<InetAddress> resolve(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return List.of(InetAddress.getAllByName(bare));
        } catch (UnknownHostException | SecurityException e) {
            throw refused("host cannot be resolved");
        }
    }

    /** False for every address that is not on the public internet. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return !(first == 0                                   // "this" network
                    || first == 100 && second >= 64 && second < 128 // carrier-grade NAT
                    || first == 192 && second == 0 && (b[2] & 0xff) == 0 // IETF protocol assignments
                    || first == 198 && (second == 18 || second == 19)    // benchmarking
                    || first >= 240);                                // reserved, broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {                            // unique local fc00::/7
                return false;
            }
            boolean v4Mapped = true;
            for (int i = 0; i < 10; i++) {
                v4Mapped &= b[i] == 0;
            }
            if (v4Mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static InvalidRequest refused(String why) {
        return new InvalidRequest("url", why);
    }
}
