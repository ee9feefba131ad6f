package org.tegami.policy;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;

/** An IPv4 or IPv6 network in CIDR notation ("192.0.2.0/24", "2001:db8::/32", or a bare address). */
public record Cidr(byte[] network, int prefix) {

    public static Cidr parse(String s) {
        String t = s.strip();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        if (!InetAddresses.isInetAddress(addr)) {
            throw new IllegalArgumentException("not a CIDR: " + s);
        }
        byte[] bytes = InetAddresses.forString(addr).getAddress();
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR: " + s);
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("prefix out of range in " + s);
            }
        }
        return new Cidr(mask(bytes, prefix), prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            // An IPv4-mapped IPv6 address is matched against IPv4 networks.
            if (a.length == 16 && network.length == 4 && isMapped(a)) {
                a = java.util.Arrays.copyOfRange(a, 12, 16);
            } else {
                return false;
            }
        }
        return java.util.Arrays.equals(mask(a, prefix), network);
    }

    private static boolean isMapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    static byte[] mask(byte[] a, int prefix) {
        byte[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - bits)));
        }
        return out;
    }

    /** The /24 (IPv4) or /64 (IPv6) network of an address, as a map key. */
    public static String netKey(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] m = mask(a, a.length == 4 ? 24 : 64);
        return InetAddresses.toAddrString(safe(m)) + (a.length == 4 ? "/24" : "/64");
    }

    private static InetAddress safe(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return InetAddresses.toAddrString(safe(network)) + "/" + prefix;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefix;
    }
}
