package org.tegami.queue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.tegami.config.RelayConfig;
import org.tegami.dns.Lookup;
import org.tegami.dns.MxRecord;
import org.tegami.dns.Resolver;

/**
 * Finds the hosts for a destination domain (RFC 5321 §5.1): MX records in preference order (equal
 * preferences shuffled), the domain's own A/AAAA when it has no MX (implicit MX), an immediate
 * failure for a null MX (RFC 7505) or a domain that does not exist. With a smarthost ([relay])
 * every destination routes to it. Addresses the bind address cannot reach (IPv6 when bound to
 * IPv4 and the reverse) are left out.
 */
final class Router {

    /** RFC 5321 §5.1: do not try more MX hosts than this. */
    private static final int MAX_HOSTS = 10;

    private final Resolver resolver;
    private final RelayConfig relay;
    private final int remotePort;
    private final InetAddress bind;

    Router(Resolver resolver, RelayConfig relay, int remotePort, InetAddress bind) {
        this.resolver = resolver;
        this.relay = relay;
        this.remotePort = remotePort;
        this.bind = bind;
    }

    boolean viaRelay() {
        return relay.enabled();
    }

    /** The key deliveries are grouped and limited by: the smarthost, or the domain. */
    String key(String domain) {
        return relay.enabled() ? "relay:" + relay.host() : domain;
    }

    Route route(String domain) {
        if (relay.enabled()) {
            return hostRoute(relay.host(), relay.port(), "the smarthost " + relay.host());
        }
        if (domain.startsWith("[") && domain.endsWith("]")) {
            return literal(domain);
        }
        Lookup<MxRecord> mx = resolver.mx(domain);
        switch (mx.status()) {
            case TEMPFAIL:
                return new Route.Failure(false, "4.4.3", "DNS lookup of MX for " + domain + " failed temporarily");
            case NXDOMAIN:
                return new Route.Failure(true, "5.1.2", "Domain " + domain + " does not exist");
            case NODATA:
                // RFC 5321 §5.1: no MX records: the domain itself is the implicit MX.
                return hostRoute(domain, remotePort, domain);
            default:
                break;
        }
        List<MxRecord> records = new ArrayList<>(mx.records());
        // RFC 7505 §3: a single MX with preference 0 and the root as host says "no mail here".
        if (records.stream().anyMatch(r -> r.host().isEmpty())) {
            return new Route.Failure(true, "5.1.10", "Domain " + domain + " does not accept mail (null MX, RFC 7505)");
        }
        Collections.shuffle(records, ThreadLocalRandom.current());
        records.sort((a, b) -> Integer.compare(a.preference(), b.preference()));
        List<Route.Host> hosts = new ArrayList<>();
        boolean tempfail = false;
        for (MxRecord r : records.subList(0, Math.min(MAX_HOSTS, records.size()))) {
            Lookup<InetAddress> v4 = resolver.a(r.host());
            Lookup<InetAddress> v6 = resolver.aaaa(r.host());
            List<InetSocketAddress> addrs = usable(v6.records(), v4.records(), remotePort);
            // Addresses exist but not of the bind address's family: our limitation, so retry rather than bounce.
            tempfail |= v4.isTempfail() || v6.isTempfail() || (addrs.isEmpty() && (v4.isOk() || v6.isOk()));
            if (!addrs.isEmpty()) {
                hosts.add(new Route.Host(r.host(), addrs));
            }
        }
        if (hosts.isEmpty()) {
            return tempfail
                    ? new Route.Failure(false, "4.4.3", "No reachable address for the MX hosts of " + domain
                            + " now (DNS failure, or only addresses of the other IP family than --bind)")
                    : new Route.Failure(true, "5.4.4", "No usable address for any MX host of " + domain);
        }
        return new Route.Hosts(hosts);
    }

    private Route hostRoute(String host, int port, String what) {
        if (com.google.common.net.InetAddresses.isInetAddress(host)) {
            InetAddress a = com.google.common.net.InetAddresses.forString(host);
            return new Route.Hosts(List.of(new Route.Host(host, List.of(new InetSocketAddress(a, port)))));
        }
        Lookup<InetAddress> v4 = resolver.a(host);
        Lookup<InetAddress> v6 = resolver.aaaa(host);
        List<InetSocketAddress> addrs = usable(v6.records(), v4.records(), port);
        if (!addrs.isEmpty()) {
            return new Route.Hosts(List.of(new Route.Host(host, addrs)));
        }
        if (v4.isTempfail() || v6.isTempfail() || relay.enabled()) {
            // A smarthost that does not resolve is a local configuration problem: keep the mail.
            return new Route.Failure(false, "4.4.3", "Cannot find an address for " + what);
        }
        return new Route.Failure(true, v4.status() == Lookup.Status.NXDOMAIN ? "5.1.2" : "5.4.4",
                "No address for " + what);
    }

    /** An address literal destination: user@[192.0.2.1] or user@[IPv6:2001:db8::1] (RFC 5321 §4.1.3). */
    private Route literal(String domain) {
        String inner = domain.substring(1, domain.length() - 1);
        if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
            inner = inner.substring(5);
        }
        if (!com.google.common.net.InetAddresses.isInetAddress(inner)) {
            return new Route.Failure(true, "5.1.2", "Bad address literal " + domain);
        }
        InetAddress a = com.google.common.net.InetAddresses.forString(inner);
        boolean v4 = a instanceof Inet4Address;
        List<InetSocketAddress> addrs = usable(v4 ? List.of() : List.of(a), v4 ? List.of(a) : List.of(), remotePort);
        return addrs.isEmpty() ? new Route.Failure(true, "5.4.4", "Cannot reach " + domain + " from the bind address")
                : new Route.Hosts(List.of(new Route.Host(domain, addrs)));
    }

    /** IPv6 first then IPv4 (RFC 6724 preference), keeping only what the bind address can reach. */
    private List<InetSocketAddress> usable(List<InetAddress> v6, List<InetAddress> v4, int port) {
        List<InetSocketAddress> out = new ArrayList<>();
        boolean bindV4 = bind instanceof Inet4Address;
        boolean bindV6 = bind != null && !bindV4;
        if (!bindV4) {
            v6.forEach(a -> out.add(new InetSocketAddress(a, port)));
        }
        if (!bindV6) {
            v4.forEach(a -> out.add(new InetSocketAddress(a, port)));
        }
        return out;
    }
}
