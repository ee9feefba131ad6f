package org.tegami.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@link Resolver} over dnsjava. Answers (including negative ones) are cached by dnsjava's
 * {@link Cache} for their TTL, so repeated SPF/DKIM/DMARC lookups for one sender cost one query.
 */
public final class DnsjavaResolver implements Resolver {

    private final org.xbill.DNS.Resolver resolver;
    private final Cache cache = new Cache(DClass.IN);

    /**
     * @param servers "host", "host:port" or "[v6]:port" strings; empty means the system's
     *     resolvers from /etc/resolv.conf
     */
    public DnsjavaResolver(List<String> servers, Duration timeout) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String s : servers) {
            addresses.add(parseServer(s));
        }
        if (addresses.isEmpty()) {
            addresses.addAll(ResolverConfig.getCurrentConfig().servers());
        }
        List<org.xbill.DNS.Resolver> simple = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            SimpleResolver r = new SimpleResolver(address);
            r.setTimeout(timeout);
            simple.add(r);
        }
        ExtendedResolver extended = new ExtendedResolver(simple);
        extended.setTimeout(timeout);
        extended.setRetries(2);
        this.resolver = extended;
        cache.setMaxNCache(300);
    }

    /** Parses "1.2.3.4", "1.2.3.4:5353", "::1", "[::1]:5353" (port 53 by default). */
    public static InetSocketAddress parseServer(String s) {
        String host = s.trim();
        int port = 53;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("bad DNS server address: " + s);
            }
            if (close + 1 < host.length()) {
                if (host.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("bad DNS server address: " + s);
                }
                port = parsePort(host.substring(close + 2), s);
            }
            host = host.substring(1, close);
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            port = parsePort(host.substring(host.indexOf(':') + 1), s);
            host = host.substring(0, host.indexOf(':'));
        }
        if (!com.google.common.net.InetAddresses.isInetAddress(host)) {
            throw new IllegalArgumentException("DNS server must be an IP address: " + s);
        }
        return new InetSocketAddress(com.google.common.net.InetAddresses.forString(host), port);
    }

    private static int parsePort(String p, String whole) {
        try {
            int port = Integer.parseInt(p);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in DNS server address: " + whole, e);
        }
    }

    @Override
    public Lookup<InetAddress> a(String name) {
        return query(name, Type.A, r -> ((ARecord) r).getAddress());
    }

    @Override
    public Lookup<InetAddress> aaaa(String name) {
        return query(name, Type.AAAA, r -> ((AAAARecord) r).getAddress());
    }

    @Override
    public Lookup<MxRecord> mx(String name) {
        return query(name, Type.MX, r -> {
            MXRecord mx = (MXRecord) r;
            return new MxRecord(mx.getPriority(), Resolver.normalize(mx.getTarget().toString()));
        });
    }

    @Override
    public Lookup<String> txt(String name) {
        return query(name, Type.TXT, r -> {
            StringBuilder sb = new StringBuilder();
            for (byte[] part : ((TXTRecord) r).getStringsAsByteArrays()) {
                sb.append(new String(part, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            return sb.toString();
        });
    }

    @Override
    public Lookup<String> ptr(InetAddress address) {
        return query(Resolver.reverseName(address), Type.PTR,
                r -> Resolver.normalize(((PTRRecord) r).getTarget().toString()));
    }

    @Override
    public Lookup<TlsaRecord> tlsa(String name) {
        return query(name, Type.TLSA, r -> {
            TLSARecord t = (TLSARecord) r;
            return new TlsaRecord(t.getCertificateUsage(), t.getSelector(), t.getMatchingType(),
                    t.getCertificateAssociationData());
        });
    }

    private <T> Lookup<T> query(String rawName, int type, java.util.function.Function<Record, T> map) {
        Name name;
        try {
            name = Name.fromString(Resolver.normalize(rawName) + ".");
        } catch (TextParseException e) {
            // A name that cannot exist in DNS: treat like NXDOMAIN, never an exception.
            return Lookup.nxdomain();
        }
        org.xbill.DNS.Lookup lookup = new org.xbill.DNS.Lookup(name, type, DClass.IN);
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        lookup.setSearchPath((Name[]) null);
        Record[] records = lookup.run();
        return switch (lookup.getResult()) {
            case org.xbill.DNS.Lookup.SUCCESSFUL -> {
                List<T> out = new ArrayList<>();
                for (Record r : records) {
                    if (r.getType() == type) {
                        out.add(map.apply(r));
                    }
                }
                yield Lookup.ok(out);
            }
            case org.xbill.DNS.Lookup.HOST_NOT_FOUND -> Lookup.nxdomain();
            case org.xbill.DNS.Lookup.TYPE_NOT_FOUND -> Lookup.nodata();
            default -> Lookup.tempfail();
        };
    }
}
