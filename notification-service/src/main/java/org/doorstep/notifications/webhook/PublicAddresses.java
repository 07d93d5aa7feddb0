package org.doorstep.notifications.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.netty.util.NetUtil;

/**
 * Which addresses a partner's webhook may make this service call: public unicast only. Refused are every block of
 * the IANA IPv4 special-purpose registry (and multicast); in IPv6 everything outside global unicast 2000::/3, and
 * inside it the IETF protocol assignments 2001::/23 (Teredo, benchmarking, ORCHID...), documentation 2001:db8::/32
 * and 3fff::/20. An IPv6 address that carries an IPv4 address is judged by that address where the embedding is
 * fixed (IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16) and refused outright where it is
 * deprecated or not recoverable (IPv4-compatible ::/96, local-use NAT64 64:ff9b:1::/48, Teredo).
 * Literals are recognised by Netty's {@link NetUtil} and parsed by the JDK, never looked up.
 */
public final class PublicAddresses {

    private static final List<Block> IPV4_SPECIAL = List.of(
            Block.of("0.0.0.0/8"),          // "this network"
            Block.of("10.0.0.0/8"),         // private
            Block.of("100.64.0.0/10"),      // shared address space (carrier-grade NAT)
            Block.of("127.0.0.0/8"),        // loopback
            Block.of("169.254.0.0/16"),     // link local, cloud metadata
            Block.of("172.16.0.0/12"),      // private
            Block.of("192.0.0.0/24"),       // IETF protocol assignments (DS-Lite, NAT64 discovery, ...)
            Block.of("192.0.2.0/24"),       // documentation TEST-NET-1
            Block.of("192.31.196.0/24"),    // AS112-v4
            Block.of("192.52.193.0/24"),    // AMT
            Block.of("192.88.99.0/24"),     // deprecated 6to4 relay anycast
            Block.of("192.168.0.0/16"),     // private
            Block.of("192.175.48.0/24"),    // direct delegation AS112 service
            Block.of("198.18.0.0/15"),      // benchmarking
            Block.of("198.51.100.0/24"),    // documentation TEST-NET-2
            Block.of("203.0.113.0/24"),     // documentation TEST-NET-3
            Block.of("224.0.0.0/4"),        // multicast
            Block.of("240.0.0.0/4"));       // reserved, including limited broadcast 255.255.255.255

    private static final Block GLOBAL_UNICAST = Block.of("2000::/3");
    private static final List<Block> IPV6_SPECIAL = List.of(
            Block.of("2001::/23"),          // IETF protocol assignments: Teredo 2001::/32, benchmarking, ORCHIDv2, ...
            Block.of("2001:db8::/32"),      // documentation
            Block.of("3fff::/20"));         // documentation
    private static final Block IPV4_MAPPED = Block.of("::ffff:0:0/96");
    private static final Block NAT64 = Block.of("64:ff9b::/96");
    private static final Block SIX_TO_FOUR = Block.of("2002::/16");

    private PublicAddresses() {
    }

    /** True only for an address on the public internet. */
    public static boolean isPublic(InetAddress address) {
        return isPublic(address.getAddress());
    }

    /**
     * The address of an IP literal host ({@code [IPv6]} as in a URL, or a dotted-quad IPv4), parsed without any
     * lookup; empty if {@code host} is a name. Throws {@link UnknownHostException} for a bracketed host that is no
     * IPv6 address.
     */
    public static Optional<InetAddress> literal(String host) throws UnknownHostException {
        if (host.startsWith("[")) {
            return Optional.of(InetAddress.getByName(host)); // the JDK parses a bracketed literal and never looks it up
        }
        if (NetUtil.isValidIpV4Address(host)) {
            return Optional.of(InetAddress.getByName(host)); // a literal: parsed, not looked up
        }
        return Optional.empty();
    }

    private static boolean isPublic(byte[] address) {
        if (address.length == 4) {
            return IPV4_SPECIAL.stream().noneMatch(block -> block.contains(address));
        }
        if (IPV4_MAPPED.contains(address) || NAT64.contains(address)) {
            return isPublic(Arrays.copyOfRange(address, 12, 16));
        }
        if (SIX_TO_FOUR.contains(address)) {
            return isPublic(Arrays.copyOfRange(address, 2, 6));
        }
        return GLOBAL_UNICAST.contains(address) && IPV6_SPECIAL.stream().noneMatch(block -> block.contains(address));
    }

    /** A CIDR block: the first {@code bits} bits of {@code prefix}. */
    private record Block(byte[] prefix, int bits) {

        static Block of(String cidr) {
            int slash = cidr.indexOf('/');
            byte[] prefix = NetUtil.createByteArrayFromIpAddressString(cidr.substring(0, slash));
            if (prefix == null) {
                throw new IllegalArgumentException(cidr);
            }
            return new Block(prefix, Integer.parseInt(cidr.substring(slash + 1)));
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }
}
