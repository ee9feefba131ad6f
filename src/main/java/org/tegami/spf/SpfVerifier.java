package org.tegami.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tegami.dns.Lookup;
import org.tegami.dns.MxRecord;
import org.tegami.dns.Resolver;
import org.tegami.spf.SpfRecord.Directive;
import org.tegami.spf.SpfResult.Identity;
import org.tegami.spf.SpfResult.Result;

/**
 * RFC 7208 SPF evaluator: check_host() (§4) for the MAIL FROM and HELO identities. All DNS goes
 * through the {@link Resolver}; the clock feeds %{t}. Thread-safe: each check keeps its own
 * counters. Never throws for anything found in DNS or in the identities.
 */
public final class SpfVerifier {

    /** RFC 7208 §4.6.4: at most 10 terms that cause DNS queries. */
    public static final int MAX_DNS_TERMS = 10;
    /** RFC 7208 §4.6.4: at most 2 void lookups. */
    public static final int MAX_VOID_LOOKUPS = 2;
    /** RFC 7208 §4.6.4: at most 10 address lookups per mx / ptr term. */
    public static final int MAX_ADDRESS_LOOKUPS = 10;

    private final Resolver resolver;
    private final Clock clock;
    private final String receivingHost;

    public SpfVerifier(Resolver resolver) {
        this(resolver, Clock.systemUTC(), "unknown");
    }

    /**
     * @param receivingHost our host name, for %{r} in explanations (RFC 7208 §7.3)
     */
    public SpfVerifier(Resolver resolver, Clock clock, String receivingHost) {
        this.resolver = resolver;
        this.clock = clock;
        this.receivingHost = receivingHost == null || receivingHost.isBlank() ? "unknown" : receivingHost;
    }

    /**
     * Checks the MAIL FROM identity (RFC 7208 §2.4). An empty or null {@code mailFrom} (the null
     * reverse-path) is checked as postmaster@{@code helo}; a sender without local-part as
     * postmaster@domain (§4.3).
     */
    public SpfResult check(InetAddress ip, String mailFrom, String helo) {
        String h = helo == null ? "" : helo.strip();
        if (mailFrom == null || mailFrom.isBlank()) {
            return run(ip, "postmaster", h, h, Identity.MAILFROM);
        }
        String mf = mailFrom.strip();
        if (mf.startsWith("<") && mf.endsWith(">")) {
            mf = mf.substring(1, mf.length() - 1); // a reverse-path as written in MAIL FROM
            if (mf.isEmpty()) {
                return run(ip, "postmaster", h, h, Identity.MAILFROM);
            }
        }
        int at = mf.lastIndexOf('@');
        String local = at < 0 ? "postmaster" : mf.substring(0, at);
        String domain = at < 0 ? mf : mf.substring(at + 1);
        return run(ip, local.isEmpty() ? "postmaster" : local, domain, h, Identity.MAILFROM);
    }

    /** Checks the HELO/EHLO identity (RFC 7208 §2.3) as postmaster@helo. */
    public SpfResult checkHelo(InetAddress ip, String helo) {
        String h = helo == null ? "" : helo.strip();
        return run(ip, "postmaster", h, h, Identity.HELO);
    }

    private SpfResult run(InetAddress ip, String local, String rawDomain, String helo, Identity identity) {
        String domain = rawDomain.endsWith(".") ? rawDomain.substring(0, rawDomain.length() - 1) : rawDomain;
        String sender = local + "@" + domain;
        if (!isValidDomain(domain)) {
            // RFC 7208 §4.3: a malformed domain or no domain at all gives "none"
            return new SpfResult(Result.NONE, identity, sender, null, null, null,
                    "no SPF check: '" + rawDomain + "' is not a fully qualified domain name");
        }
        Evaluation ev = new Evaluation(ip, local, domain, helo);
        try {
            Outcome o = ev.checkHost(domain, 0);
            return new SpfResult(o.result, identity, sender, domain, o.mechanism, o.explanation,
                    reason(o, ip, domain));
        } catch (Abort a) {
            return new SpfResult(a.result, identity, sender, domain, null, null,
                    a.result.keyword() + " evaluating SPF for " + domain + ": " + a.getMessage());
        }
    }

    private static String reason(Outcome o, InetAddress ip, String domain) {
        String who = com.google.common.net.InetAddresses.toAddrString(ip);
        return switch (o.result) {
            case NONE -> domain + " publishes no SPF record" + (o.detail == null ? "" : " (" + o.detail + ")");
            case PASS -> who + " is authorized by " + domain + " (" + o.mechanism + ")";
            case FAIL -> who + " is not authorized by " + domain + " (" + o.mechanism + ")";
            case SOFTFAIL -> who + " is probably not authorized by " + domain + " (" + o.mechanism + ")";
            case NEUTRAL -> domain + " makes no assertion about " + who
                    + (o.mechanism == null ? " (no mechanism matched)" : " (" + o.mechanism + ")");
            default -> o.result.keyword() + ": " + o.detail;
        };
    }

    /**
     * A domain usable for check_host(): at least two labels, each 1–63 octets, at most 253 in
     * all, not an address literal (RFC 7208 §4.3).
     */
    static boolean isValidDomain(String d) {
        if (d.isEmpty() || d.length() > 253 || d.startsWith("[") || d.indexOf('.') < 0) {
            return false;
        }
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
        }
        return !com.google.common.net.InetAddresses.isInetAddress(d);
    }

    /** Aborts check_host() with temperror or permerror (RFC 7208 §2.6.6, §2.6.7). */
    private static final class Abort extends RuntimeException {
        final Result result;

        Abort(Result result, String message) {
            super(message, null, false, false);
            this.result = result;
        }
    }

    private record Outcome(Result result, String mechanism, String explanation, String detail) {}

    /** One check: the limits of RFC 7208 §4.6.4 count across includes and redirects. */
    private final class Evaluation {
        private final InetAddress ip;
        private final String local;
        private final String senderDomain;
        private final String helo;
        private int dnsTerms;
        private int voids;
        private String validatedName;

        Evaluation(InetAddress ip, String local, String senderDomain, String helo) {
            this.ip = ip;
            this.local = local;
            this.senderDomain = senderDomain;
            this.helo = helo;
        }

        /** check_host() of RFC 7208 §4. */
        Outcome checkHost(String domain, int depth) {
            SpfRecord record = lookupRecord(domain);
            if (record == null) {
                return new Outcome(Result.NONE, null, null, "no v=spf1 TXT record at " + domain);
            }
            Macro.Context ctx = context(domain);
            for (Directive d : record.directives()) {
                if (matches(d, domain, ctx, depth)) {
                    String exp = d.qualifier() == Result.FAIL && record.exp() != null ? explain(record.exp(), ctx) : null;
                    return new Outcome(d.qualifier(), d.text(), exp, null);
                }
            }
            if (record.redirect() != null) {
                // RFC 7208 §6.1: only when no mechanism matched; counts as a DNS term
                countDnsTerm();
                String target = expandDomain(record.redirect(), ctx);
                if (!isValidDomain(target)) {
                    throw new Abort(Result.PERMERROR, "redirect to invalid domain '" + target + "'");
                }
                Outcome o = checkHost(target, depth + 1);
                if (o.result == Result.NONE) {
                    throw new Abort(Result.PERMERROR, "redirect target " + target + " has no SPF record");
                }
                return o;
            }
            // RFC 7208 §4.7: no match and no redirect
            return new Outcome(Result.NEUTRAL, null, null, null);
        }

        /** RFC 7208 §4.4, §4.5: the one v=spf1 TXT record, or null for "none". */
        private SpfRecord lookupRecord(String domain) {
            Lookup<String> txt = resolver.txt(domain);
            if (txt.isTempfail()) {
                throw new Abort(Result.TEMPERROR, "DNS error looking up TXT " + domain);
            }
            List<String> spf = new ArrayList<>();
            for (String t : txt.records()) {
                if (SpfRecord.isSpf(t)) {
                    spf.add(t);
                }
            }
            if (spf.isEmpty()) {
                return null;
            }
            if (spf.size() > 1) {
                throw new Abort(Result.PERMERROR, domain + " publishes " + spf.size() + " SPF records");
            }
            return switch (SpfRecord.parse(spf.get(0))) {
                case SpfRecord.Valid v -> v.record();
                case SpfRecord.Invalid i -> throw new Abort(Result.PERMERROR,
                        "invalid SPF record at " + domain + ": " + i.reason());
            };
        }

        private Macro.Context context(String domain) {
            return new Macro.Context(local, senderDomain, domain, ip, helo, receivingHost,
                    clock.instant().getEpochSecond(), () -> validatedName(domain));
        }

        private boolean matches(Directive d, String domain, Macro.Context ctx, int depth) {
            return switch (d.mechanism()) {
                case ALL -> true;
                case IP4, IP6 -> inNetwork(ip, d.network(), d.mechanism() == SpfRecord.Mechanism.IP4 ? d.cidr4() : d.cidr6());
                case A -> {
                    countDnsTerm();
                    yield matchHost(target(d, domain, ctx), d, true);
                }
                case MX -> {
                    countDnsTerm();
                    yield matchMx(target(d, domain, ctx), d);
                }
                case PTR -> {
                    countDnsTerm();
                    yield matchPtr(target(d, domain, ctx));
                }
                case EXISTS -> {
                    countDnsTerm();
                    Lookup<InetAddress> a = resolver.a(expandDomain(d.domainSpec(), ctx));
                    yield checked(a, "exists").isOk();
                }
                case INCLUDE -> {
                    countDnsTerm();
                    yield matchInclude(expandDomain(d.domainSpec(), ctx), depth);
                }
            };
        }

        private String target(Directive d, String domain, Macro.Context ctx) {
            return d.domainSpec() == null ? domain : expandDomain(d.domainSpec(), ctx);
        }

        /** RFC 7208 §5.2 include: pass matches; fail/softfail/neutral do not; errors propagate. */
        private boolean matchInclude(String target, int depth) {
            Outcome o = checkHost(target, depth + 1);
            return switch (o.result) {
                case PASS -> true;
                case FAIL, SOFTFAIL, NEUTRAL -> false;
                case NONE -> throw new Abort(Result.PERMERROR, "included domain " + target + " has no SPF record");
                default -> throw new Abort(o.result, "include:" + target + " gave " + o.result.keyword());
            };
        }

        /** RFC 7208 §5.3 "a": an address of the target in the client's network. */
        private boolean matchHost(String host, Directive d, boolean countVoid) {
            Lookup<InetAddress> addrs = ip instanceof Inet4Address ? resolver.a(host) : resolver.aaaa(host);
            if (countVoid) {
                checked(addrs, "a");
            } else if (addrs.isTempfail()) {
                throw new Abort(Result.TEMPERROR, "DNS error looking up " + host);
            }
            int len = ip instanceof Inet4Address ? d.cidr4() : d.cidr6();
            for (InetAddress a : addrs.records()) {
                if (inNetwork(ip, a, len)) {
                    return true;
                }
            }
            return false;
        }

        /** RFC 7208 §5.4 "mx": at most 10 MX hosts, else permerror (§4.6.4). */
        private boolean matchMx(String target, Directive d) {
            Lookup<MxRecord> mx = checked(resolver.mx(target), "mx");
            if (mx.records().size() > MAX_ADDRESS_LOOKUPS) {
                throw new Abort(Result.PERMERROR, target + " has more than " + MAX_ADDRESS_LOOKUPS + " MX records");
            }
            for (MxRecord r : mx.records()) {
                if (!r.host().isEmpty() && matchHost(r.host(), d, false)) {
                    return true;
                }
            }
            return false;
        }

        /** RFC 7208 §5.5 "ptr": a validated name equal to or under the target. */
        private boolean matchPtr(String target) {
            String t = target.toLowerCase(Locale.ROOT);
            for (String name : validatedNames()) {
                if (name.equals(t) || name.endsWith("." + t)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * RFC 7208 §5.5: PTR names whose forward lookup includes the client address; DNS errors
         * skip a name, at most 10 names are tried.
         */
        private List<String> validatedNames() {
            Lookup<String> ptr = resolver.ptr(ip);
            List<String> out = new ArrayList<>();
            if (!ptr.isOk()) {
                if (ptr.isVoid()) {
                    countVoid("ptr");
                }
                return out;
            }
            List<String> names = ptr.records();
            for (int i = 0; i < names.size() && i < MAX_ADDRESS_LOOKUPS; i++) {
                String name = names.get(i).toLowerCase(Locale.ROOT);
                Lookup<InetAddress> fwd = ip instanceof Inet4Address ? resolver.a(name) : resolver.aaaa(name);
                if (fwd.isOk() && fwd.records().contains(ip)) {
                    out.add(name);
                }
            }
            return out;
        }

        /** %{p} (RFC 7208 §7.3): the domain itself, else a subdomain, else any validated name. */
        private String validatedName(String domain) {
            if (validatedName == null) {
                List<String> names = validatedNames();
                String d = domain.toLowerCase(Locale.ROOT);
                String best = names.contains(d) ? d : null;
                for (String n : names) {
                    if (best == null && n.endsWith("." + d)) {
                        best = n;
                    }
                }
                validatedName = best != null ? best : names.isEmpty() ? "unknown" : names.get(0);
            }
            return validatedName;
        }

        private <T> Lookup<T> checked(Lookup<T> l, String what) {
            if (l.isTempfail()) {
                throw new Abort(Result.TEMPERROR, "DNS error during " + what);
            }
            if (l.isVoid()) {
                countVoid(what);
            }
            return l;
        }

        private void countVoid(String what) {
            if (++voids > MAX_VOID_LOOKUPS) {
                throw new Abort(Result.PERMERROR, "more than " + MAX_VOID_LOOKUPS + " void DNS lookups (" + what + ")");
            }
        }

        private void countDnsTerm() {
            if (++dnsTerms > MAX_DNS_TERMS) {
                throw new Abort(Result.PERMERROR, "more than " + MAX_DNS_TERMS + " DNS-querying terms");
            }
        }

        /** Expands a domain-spec and shortens it to 253 octets from the left (RFC 7208 §7.3). */
        private String expandDomain(String spec, Macro.Context ctx) {
            String s;
            try {
                s = Macro.expand(spec, ctx, false);
            } catch (Macro.MacroException e) {
                throw new Abort(Result.PERMERROR, e.getMessage());
            }
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
            while (s.length() > 253 && s.indexOf('.') >= 0) {
                s = s.substring(s.indexOf('.') + 1);
            }
            return s;
        }

        /** RFC 7208 §6.2: the explanation, or null on any problem with it. */
        private String explain(String expSpec, Macro.Context ctx) {
            try {
                String name = expandDomain(expSpec, ctx);
                Lookup<String> txt = resolver.txt(name);
                if (!txt.isOk() || txt.records().size() != 1) {
                    return null;
                }
                String text = txt.records().get(0);
                if (Macro.validate(text, true) != null) {
                    return null;
                }
                return Macro.expand(text, ctx, true);
            } catch (Macro.MacroException | Abort e) {
                return null;
            }
        }
    }

    /** True when {@code ip} is in network/len; addresses of different families never match. */
    static boolean inNetwork(InetAddress ip, InetAddress network, int len) {
        byte[] a = ip.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int full = len / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = len % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (n[full] & mask);
    }
}
