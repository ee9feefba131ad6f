package org.tegami.policy;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.tegami.config.PolicyConfig;

/**
 * Concurrent-connection limits (global, per address, per /24 or /64) and a per-address rate
 * limit (token bucket per minute). {@link #acquire} returns a permit that must be released when
 * the connection ends.
 */
public final class ConnectionLimits {

    /** Released exactly once when the connection closes. */
    public interface Permit extends Runnable {}

    private final PolicyConfig config;
    private final LongSupplier nanoClock;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<String, AtomicInteger> perIp = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perNet = new ConcurrentHashMap<>();
    private final Map<String, Bucket> rates = new ConcurrentHashMap<>();

    public ConnectionLimits(PolicyConfig config, LongSupplier nanoClock) {
        this.config = config;
        this.nanoClock = nanoClock;
    }

    /** A permit, or a TEMPFAIL decision saying which limit was hit. */
    public Object acquire(InetAddress client) {
        String ip = client.getHostAddress();
        String net = Cidr.netKey(client);
        if (config.connectionRatePerIp() > 0 && !bucket(ip).take()) {
            return Decision.tempfail("rate", "Too many connections per minute from " + ip + ", slow down");
        }
        if (total.incrementAndGet() > config.maxConnections()) {
            total.decrementAndGet();
            return Decision.tempfail("limit", "Too many connections, try again later");
        }
        AtomicInteger ipCount = perIp.computeIfAbsent(ip, k -> new AtomicInteger());
        if (ipCount.incrementAndGet() > config.maxConnectionsPerIp()) {
            ipCount.decrementAndGet();
            total.decrementAndGet();
            return Decision.tempfail("limit", "Too many connections from " + ip + ", try again later");
        }
        AtomicInteger netCount = perNet.computeIfAbsent(net, k -> new AtomicInteger());
        if (netCount.incrementAndGet() > config.maxConnectionsPerNet()) {
            netCount.decrementAndGet();
            ipCount.decrementAndGet();
            total.decrementAndGet();
            return Decision.tempfail("limit", "Too many connections from " + net + ", try again later");
        }
        AtomicInteger released = new AtomicInteger();
        return (Permit) () -> {
            if (released.getAndIncrement() == 0) {
                netCount.decrementAndGet();
                ipCount.decrementAndGet();
                total.decrementAndGet();
            }
        };
    }

    public int open() {
        return total.get();
    }

    private Bucket bucket(String ip) {
        if (rates.size() > 100_000) {
            rates.clear(); // bounded memory whatever the clients do; a cleared bucket is a full one
        }
        return rates.computeIfAbsent(ip, k -> new Bucket(config.connectionRatePerIp(), nanoClock));
    }

    /** Token bucket: capacity = rate per minute, refilled continuously. */
    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private final LongSupplier clock;
        private double tokens;
        private long last;

        Bucket(int perMinute, LongSupplier clock) {
            this.capacity = perMinute;
            this.perNano = perMinute / 60e9;
            this.clock = clock;
            this.tokens = perMinute;
            this.last = clock.getAsLong();
        }

        synchronized boolean take() {
            long now = clock.getAsLong();
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
