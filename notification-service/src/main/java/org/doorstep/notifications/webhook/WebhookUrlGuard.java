package org.doorstep.notifications.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.doorstep.notifications.problem.InvalidRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Refuses webhook URLs that would let a partner make this service call inside the network (SSRF): only HTTPS,
 * no credentials in the URL, a port in 1-65535, and every address the host is or resolves to must be public
 * ({@link PublicAddresses}). Checked on registration and again before every delivery (DNS may change); the
 * delivery's own connection resolves through {@link #permits} as well, so a name that changes its answer between
 * the check and the connection (DNS rebinding) still cannot reach an inside address. In the local profile, plain
 * HTTP to localhost and loopback addresses are allowed for local receivers.
 */
@Component
public class WebhookUrlGuard {

    private final boolean allowLoopback;
    private final boolean allowPlainHttpLocalhost;

    @Autowired
    public WebhookUrlGuard(WebhookProperties settings) {
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
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65_535)) {
            throw refused("must use a port from 1 to 65535");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && allowPlainHttpLocalhost && isLocalhostName(host))) {
            throw refused("must use https");
        }
        for (InetAddress address : addresses(host)) {
            if (!permits(address)) {
                throw refused("points to a private, loopback, link-local or otherwise non-public address");
            }
        }
        return uri;
    }

    /** Whether a webhook may connect to this address: a public one, or loopback where the local profile allows it. */
    public boolean permits(InetAddress address) {
        return address.isLoopbackAddress() && allowLoopback || PublicAddresses.isPublic(address);
    }

    private static boolean isLocalhostName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]");
    }

    /** A literal as it is (never looked up), a name as DNS answers now. */
    private static List<InetAddress> addresses(String host) {
        try {
            Optional<InetAddress> literal = PublicAddresses.literal(host);
            return literal.isPresent() ? List.of(literal.get()) : List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException | IllegalArgumentException | SecurityException e) {
            throw refused("host cannot be resolved");
        }
    }

    private static InvalidRequest refused(String why) {
        return new InvalidRequest("url", why);
    }
}
