package org.tegami.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A map-based resolver for tests and offline tools (mox's and Stalwart's mock DNS). A name that
 * has any record of any type exists (NODATA for other types); a name with none is NXDOMAIN.
 * Names can be marked as timing out (TEMPFAIL). Counts queries so tests can check caching.
 */
public final class InMemoryResolver implements Resolver {

    private final Map<String, List<InetAddress>> a = new ConcurrentHashMap<>();
    private final Map<String, List<InetAddress>> aaaa = new ConcurrentHashMap<>();
    private final Map<String, List<MxRecord>> mx = new ConcurrentHashMap<>();
    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();
    private final Map<String, List<String>> ptr = new ConcurrentHashMap<>();
    private final Map<String, List<TlsaRecord>> tlsa = new ConcurrentHashMap<>();
    /** Names that exist although they hold no records this resolver models (e.g. only CNAME/SPF). */
    private final Set<String> existing = ConcurrentHashMap.newKeySet();
    private final Set<String> timeouts = ConcurrentHashMap.newKeySet();
    /** Names where queries for types without a record time out (other types answer). */
    private final Set<String> typedTimeouts = ConcurrentHashMap.newKeySet();
    /** CNAME aliases: owner -> target (followed for every query type, RFC 1034 §3.6.2). */
    private final Map<String, String> cnames = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();

    public InMemoryResolver addA(String name, String... ips) {
        for (String ip : ips) {
            InetAddress addr = literal(ip);
            (addr.getAddress().length == 4 ? a : aaaa)
                    .computeIfAbsent(Resolver.normalize(name), k -> new ArrayList<>()).add(addr);
        }
        return this;
    }

    public InMemoryResolver addMx(String name, int preference, String host) {
        mx.computeIfAbsent(Resolver.normalize(name), k -> new ArrayList<>())
                .add(new MxRecord(preference, Resolver.normalize(host)));
        return this;
    }

    public InMemoryResolver addTxt(String name, String value) {
        txt.computeIfAbsent(Resolver.normalize(name), k -> new ArrayList<>()).add(value);
        return this;
    }

    public InMemoryResolver addPtr(String ip, String host) {
        ptr.computeIfAbsent(Resolver.reverseName(literal(ip)), k -> new ArrayList<>())
                .add(Resolver.normalize(host));
        return this;
    }

    public InMemoryResolver addTlsa(String name, TlsaRecord record) {
        tlsa.computeIfAbsent(Resolver.normalize(name), k -> new ArrayList<>()).add(record);
        return this;
    }

    /** Marks a name as existing without any record of the modelled types. */
    public InMemoryResolver addName(String name) {
        existing.add(Resolver.normalize(name));
        return this;
    }

    /**
     * Makes {@code name} an alias of {@code target}: queries for it follow the chain (at most 8
     * hops; a longer chain or a loop answers TEMPFAIL, like a resolver's SERVFAIL).
     */
    public InMemoryResolver addCname(String name, String target) {
        cnames.put(Resolver.normalize(name), Resolver.normalize(target));
        return this;
    }

    /** Every query for this name times out. */
    public InMemoryResolver addTimeout(String name) {
        timeouts.add(Resolver.normalize(name));
        return this;
    }

    /**
     * Queries for this name time out unless the name has a record of the asked type: a server
     * that answers some types and drops the others (the SPF suite's TIMEOUT entry).
     */
    public InMemoryResolver addTimeoutForMissingTypes(String name) {
        typedTimeouts.add(Resolver.normalize(name));
        return this;
    }

    public int queryCount() {
        return queries.get();
    }

    @Override
    public Lookup<InetAddress> a(String name) {
        return find(a, name);
    }

    @Override
    public Lookup<InetAddress> aaaa(String name) {
        return find(aaaa, name);
    }

    @Override
    public Lookup<MxRecord> mx(String name) {
        return find(mx, name);
    }

    @Override
    public Lookup<String> txt(String name) {
        return find(txt, name);
    }

    @Override
    public Lookup<String> ptr(InetAddress address) {
        return find(ptr, Resolver.reverseName(address));
    }

    @Override
    public Lookup<TlsaRecord> tlsa(String name) {
        return find(tlsa, name);
    }

    private <T> Lookup<T> find(Map<String, List<T>> table, String rawName) {
        queries.incrementAndGet();
        String name = Resolver.normalize(rawName);
        for (int hops = 0; cnames.containsKey(name) && !timeouts.contains(name); hops++) {
            if (hops >= 8) {
                return Lookup.tempfail();
            }
            name = cnames.get(name);
        }
        if (timeouts.contains(name)) {
            return Lookup.tempfail();
        }
        List<T> found = table.get(name);
        if (found != null && !found.isEmpty()) {
            return Lookup.ok(List.copyOf(found));
        }
        if (typedTimeouts.contains(name)) {
            return Lookup.tempfail();
        }
        return exists(name) ? Lookup.nodata() : Lookup.nxdomain();
    }

    private boolean exists(String name) {
        return existing.contains(name)
                || a.containsKey(name)
                || aaaa.containsKey(name)
                || mx.containsKey(name)
                || txt.containsKey(name)
                || ptr.containsKey(name)
                || tlsa.containsKey(name);
    }

    private static InetAddress literal(String ip) {
        // Guava parses literals only and never queries DNS.
        return com.google.common.net.InetAddresses.forString(ip);
    }
}
