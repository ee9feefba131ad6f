package org.tegami.mailauth;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tegami.dkim.DkimResult;
import org.tegami.spf.SpfResult;

/**
 * The local override list of DMARC (RFC 7489 §7.2.1.1 PolicyOverrideType "trusted_forwarder"):
 * forwarders and mailing lists whose mail fails DMARC because they forward it, and whose DMARC
 * failures are therefore not acted on. An entry is an IP address, a CIDR block, or a domain; a
 * domain matches only an identity that was authenticated — a passing DKIM signature (d=), a
 * passing SPF MAIL FROM or a passing SPF HELO — for that domain or a subdomain of it, so nobody
 * can claim to be a trusted forwarder by merely naming it.
 */
public final class TrustedForwarders {

    private record Block(byte[] network, int prefix, String text) {}

    private final List<Block> blocks;
    private final List<String> domains;

    private TrustedForwarders(List<Block> blocks, List<String> domains) {
        this.blocks = List.copyOf(blocks);
        this.domains = List.copyOf(domains);
    }

    /** @param entries "192.0.2.7", "192.0.2.0/24", "2001:db8::/32", "lists.example.org" (validated by the config) */
    public static TrustedForwarders of(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        for (String raw : entries) {
            String e = raw.strip().toLowerCase(Locale.ROOT);
            int slash = e.indexOf('/');
            String addr = slash < 0 ? e : e.substring(0, slash);
            if (InetAddresses.isInetAddress(addr)) {
                byte[] net = InetAddresses.forString(addr).getAddress();
                int prefix = slash < 0 ? net.length * 8 : Integer.parseInt(e.substring(slash + 1));
                blocks.add(new Block(net, prefix, e));
            } else {
                domains.add(e.endsWith(".") ? e.substring(0, e.length() - 1) : e);
            }
        }
        return new TrustedForwarders(blocks, domains);
    }

    public boolean isEmpty() {
        return blocks.isEmpty() && domains.isEmpty();
    }

    /** The entry that makes this client a trusted forwarder, described for the log and reports; null if none. */
    public String match(InetAddress client, SpfResult mailFrom, SpfResult helo, List<DkimResult> dkim) {
        for (Block b : blocks) {
            if (contains(b, client)) {
                return "client " + InetAddresses.toAddrString(client) + " in " + b.text();
            }
        }
        for (String d : domains) {
            for (DkimResult r : dkim) {
                if (r.isPass() && within(r.domain(), d)) {
                    return "DKIM d=" + r.domain() + " matches " + d;
                }
            }
            for (SpfResult s : new SpfResult[] {mailFrom, helo}) {
                if (s != null && s.result() == SpfResult.Result.PASS && within(s.domain(), d)) {
                    return "SPF " + s.identity().property() + " " + s.domain() + " matches " + d;
                }
            }
        }
        return null;
    }

    private static boolean within(String name, String domain) {
        if (name == null) {
            return false;
        }
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals(domain) || n.endsWith("." + domain);
    }

    private static boolean contains(Block b, InetAddress a) {
        byte[] x = a.getAddress();
        if (x.length != b.network().length) {
            return false;
        }
        int full = b.prefix() / 8;
        for (int i = 0; i < full; i++) {
            if (x[i] != b.network()[i]) {
                return false;
            }
        }
        int rest = b.prefix() % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (x[full] & mask) == (b.network()[full] & mask);
    }
}
