package org.tegami.policy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tegami.config.PolicyConfig;
import org.tegami.dns.Lookup;
import org.tegami.dns.Resolver;

/**
 * The checks applied to a client of port 25 before the greeting: allow list, block list, dynamic
 * ranges (IP25B), DNSWL, DNSBL and forward-confirmed reverse DNS. Each refusal names the check and
 * the reason; DNS answers are cached by the resolver.
 */
public final class ConnectionPolicy {

    /** The outcome plus what was learned about the client (reverse name), for Received: and logs. */
    public record Result(Decision decision, String verifiedName) {}

    private final List<Cidr> allow;
    private final List<Cidr> block;
    private final List<Cidr> dynamic;
    private final List<String> dnsbl;
    private final List<String> dnswl;
    private final String fcrdns;
    private final Resolver resolver;

    public ConnectionPolicy(PolicyConfig config, Resolver resolver) {
        this.allow = parse(config.allow());
        this.block = parse(config.block());
        this.dynamic = parse(config.dynamic());
        this.dnsbl = config.dnsbl();
        this.dnswl = config.dnswl();
        this.fcrdns = config.fcrdns();
        this.resolver = resolver;
    }

    private static List<Cidr> parse(List<String> list) {
        List<Cidr> out = new ArrayList<>();
        for (String s : list) {
            out.add(Cidr.parse(s));
        }
        return out;
    }

    public Result check(InetAddress client) {
        if (matches(allow, client)) {
            return new Result(Decision.ALLOW, null);
        }
        if (matches(block, client)) {
            return new Result(Decision.refuse("block", "Your address " + client.getHostAddress()
                    + " is blocked by this server's policy"), null);
        }
        if (matches(dynamic, client)) {
            return new Result(Decision.refuse("dynamic", "Your address " + client.getHostAddress()
                    + " is in a dynamic/residential range: send through your provider's submission server"
                    + " (port 587 or 465) instead of directly to this MX"), null);
        }
        boolean whitelisted = false;
        for (String zone : dnswl) {
            if (listing(client, zone) != null) {
                whitelisted = true;
                break;
            }
        }
        if (!whitelisted) {
            for (String zone : dnsbl) {
                String code = listing(client, zone);
                if (code != null) {
                    return new Result(Decision.refuse("dnsbl", "Your address " + client.getHostAddress()
                            + " is listed in " + zone + " (" + code + ")" + explanation(client, zone)), null);
                }
            }
        }
        if (fcrdns.equals("off") || client.isLoopbackAddress()) {
            return new Result(Decision.ALLOW, null); // a local client has nothing to confirm
        }
        String name = forwardConfirmedName(client);
        if (name == null && fcrdns.equals("enforce") && !whitelisted) {
            return new Result(new Decision(Decision.Kind.REFUSE, 550, "5.7.25",
                    "Reverse DNS of " + client.getHostAddress() + " does not resolve back to it (RFC 7372: 5.7.25)",
                    "fcrdns"), null);
        }
        return new Result(Decision.ALLOW, name);
    }

    private static boolean matches(List<Cidr> list, InetAddress a) {
        for (Cidr c : list) {
            if (c.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The A record of the client in a DNS list zone ("127.0.0.2"), or null when not listed.
     * 127.255.255.x answers are the lists' error codes (e.g. "query via public resolver"), not
     * listings, and are ignored.
     */
    String listing(InetAddress client, String zone) {
        Lookup<InetAddress> a = resolver.a(queryName(client, zone));
        if (!a.isOk()) {
            return null;
        }
        for (InetAddress r : a.records()) {
            byte[] b = r.getAddress();
            if (b.length == 4 && b[0] == 127 && !(b[1] == (byte) 255 && b[2] == (byte) 255)) {
                return r.getHostAddress();
            }
        }
        return null;
    }

    private String explanation(InetAddress client, String zone) {
        Lookup<String> txt = resolver.txt(queryName(client, zone));
        if (!txt.isOk()) {
            return "";
        }
        String t = txt.records().get(0).replaceAll("[\\p{Cntrl}]", " ").strip();
        return t.isEmpty() ? "" : ": " + (t.length() > 200 ? t.substring(0, 200) : t);
    }

    /** "2.0.0.127.zen.example" for 127.0.0.2; nibbles for IPv6 (RFC 5782 §2). */
    static String queryName(InetAddress client, String zone) {
        String rev = Resolver.reverseName(client);
        String prefix = rev.substring(0, rev.lastIndexOf(client.getAddress().length == 4 ? ".in-addr.arpa" : ".ip6.arpa"));
        return prefix + "." + zone.toLowerCase(Locale.ROOT);
    }

    /** The client's PTR name if one of its A/AAAA records is the client's address (FCrDNS). */
    public String forwardConfirmedName(InetAddress client) {
        Lookup<String> ptr = resolver.ptr(client);
        if (!ptr.isOk()) {
            return null;
        }
        for (String name : ptr.records().subList(0, Math.min(ptr.records().size(), 5))) {
            Lookup<InetAddress> fwd = client.getAddress().length == 4 ? resolver.a(name) : resolver.aaaa(name);
            if (fwd.isOk() && fwd.records().contains(client)) {
                return name;
            }
        }
        return null;
    }
}
