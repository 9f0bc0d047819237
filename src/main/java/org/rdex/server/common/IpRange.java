package org.rdex.server.common;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address block ({@code 192.0.2.10}, {@code 192.0.2.0/24}, {@code 2001:db8::/32}).
 * IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.10}) are treated as the IPv4 address they carry,
 * so a dual-stack socket does not make an IPv4 key fail.
 */
public record IpRange(byte[] network, int prefix) {

    /** Literal addresses only: a host name here would mean a DNS lookup. */
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    /** Parses an address or a CIDR; empty when it is not one (host names are refused). */
    public static Optional<IpRange> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        Optional<InetAddress> parsed = literal(address);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = normalize(parsed.get().getAddress());
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(value.substring(slash + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            // A mapped IPv4 CIDR written in IPv6 form carries 96 extra prefix bits.
            if (address.contains(":") && bytes.length == 4) {
                prefix -= 96;
            }
            if (prefix < 0 || prefix > max) {
                return Optional.empty();
            }
        }
        return Optional.of(new IpRange(mask(bytes, prefix), prefix));
    }

    /** A literal IP address, never resolved through DNS; empty for anything else. */
    public static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.isEmpty() || !LITERAL.matcher(value).matches()
                || (!value.contains(":") && !value.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(value));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = normalize(address.getAddress());
        if (bytes.length != network.length) {
            return false;
        }
        byte[] masked = mask(bytes, prefix);
        return java.util.Arrays.equals(masked, network);
    }

    /** Canonical text, always with its prefix: the form stored in the database. */
    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange r && r.prefix == prefix && java.util.Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefix;
    }

    private static byte[] normalize(byte[] bytes) {
        if (bytes.length == 16) {
            boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = bytes[i] == 0;
            }
            if (mapped) {
                return new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] };
            }
        }
        return bytes;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - bits)));
        }
        return out;
    }
}
