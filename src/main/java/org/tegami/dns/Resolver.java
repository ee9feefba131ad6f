package org.tegami.dns;

import java.net.InetAddress;

/**
 * The only door to DNS for every package. Names are given without or with a trailing dot and are
 * compared case-insensitively; returned host names carry no trailing dot. Implementations never
 * throw for DNS-level problems: those are {@link Lookup.Status#TEMPFAIL} or NXDOMAIN/NODATA.
 */
public interface Resolver {

    Lookup<InetAddress> a(String name);

    Lookup<InetAddress> aaaa(String name);

    Lookup<MxRecord> mx(String name);

    /** TXT records; the character-strings of one record are concatenated (RFC 7208 §3.3). */
    Lookup<String> txt(String name);

    /** Reverse lookup: names of the PTR records of the address. */
    Lookup<String> ptr(InetAddress address);

    Lookup<TlsaRecord> tlsa(String name);

    /** Normalises a domain name: lower case, no trailing dot. */
    static String normalize(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /** The reverse-lookup name (in-addr.arpa / ip6.arpa) of an address, without trailing dot. */
    static String reverseName(InetAddress address) {
        byte[] b = address.getAddress();
        StringBuilder sb = new StringBuilder();
        if (b.length == 4) {
            for (int i = 3; i >= 0; i--) {
                sb.append(b[i] & 0xff).append('.');
            }
            return sb.append("in-addr.arpa").toString();
        }
        for (int i = b.length - 1; i >= 0; i--) {
            sb.append(Character.forDigit(b[i] & 0xf, 16)).append('.');
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append('.');
        }
        return sb.append("ip6.arpa").toString();
    }
}
