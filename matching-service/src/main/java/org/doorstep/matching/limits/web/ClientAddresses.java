package org.doorstep.matching.limits.web;

import java.net.InetSocketAddress;
import java.util.List;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import org.doorstep.matching.limits.AbuseLimits;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The client a request counts against: its remote address; behind a trusted proxy, the right-most
 * {@code X-Forwarded-For} hop that is not itself a trusted proxy. Entries left of the first untrusted hop were
 * written by the client and are never believed.
 */
@Component
public class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final String UNKNOWN = "unknown";

    private final List<IpSubnetFilterRule> trustedProxies;

    public ClientAddresses(AbuseLimits limits) {
        this.trustedProxies = limits.trustedProxies().stream().map(ClientAddresses::range).toList();
    }

    public String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String client = remote == null || remote.getAddress() == null ? UNKNOWN : remote.getAddress().getHostAddress();
        if (!trusted(client)) {
            return client;
        }
        List<String> hops = request.getHeaders().getValuesAsList(FORWARDED_FOR);
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i).strip();
            if (!isIpAddress(hop)) {
                return client; // not written by a proxy we trust: the last hop we could check is the client
            }
            client = hop;
            if (!trusted(hop)) {
                return client;
            }
        }
        return client;
    }

    private boolean trusted(String address) {
        if (trustedProxies.isEmpty() || !isIpAddress(address)) {
            return false;
        }
        InetSocketAddress peer = new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(address), 0);
        return trustedProxies.stream().anyMatch(proxy -> proxy.matches(peer));
    }

    /** An IP address ({@code 10.0.0.5}) or a CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}). */
    private static IpSubnetFilterRule range(String proxy) {
        int slash = proxy.indexOf('/');
        String address = slash < 0 ? proxy : proxy.substring(0, slash);
        if (!isIpAddress(address)) {
            throw new IllegalArgumentException("doorstep.limits.trusted-proxies: '" + proxy
                    + "' is not an IP address or CIDR range");
        }
        int prefix = slash < 0 ? (NetUtil.isValidIpV4Address(address) ? 32 : 128)
                : Integer.parseInt(proxy.substring(slash + 1));
        return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
    }

    private static boolean isIpAddress(String text) {
        return NetUtil.isValidIpV4Address(text) || NetUtil.isValidIpV6Address(text);
    }
}
