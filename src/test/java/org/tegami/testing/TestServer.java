package org.tegami.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import org.tegami.admin.Admin;
import org.tegami.app.ServerOptions;
import org.tegami.app.StartupException;
import org.tegami.app.Tegami;
import org.tegami.config.ConfigException;
import org.tegami.config.ConfigLoader;
import org.tegami.config.TegamiConfig;
import org.tegami.dns.InMemoryResolver;

/**
 * A real Tegami on loopback for integration tests: a temp data directory, the in-memory resolver
 * (never the machine's DNS), and a port offset chosen at runtime so that every service port is
 * free. Use {@link #port(String)} for the actual ports.
 */
public final class TestServer implements AutoCloseable {

    public final Path dataDir;
    public final InMemoryResolver dns;
    public final Tegami tegami;
    public final Admin admin;
    public final String hostname;

    private TestServer(Path dataDir, InMemoryResolver dns, Tegami tegami, String hostname) {
        this.dataDir = dataDir;
        this.dns = dns;
        this.tegami = tegami;
        this.hostname = hostname;
        this.admin = new Admin(tegami.store(), tegami.config());
    }

    /** Starts with defaults plus the given TOML (may be ""), hostname mx.example.test. */
    public static TestServer start(String toml) {
        return start(toml, "mx.example.test", new InMemoryResolver());
    }

    /**
     * Starts with the resolver the config names (`[dns] servers`, e.g. a {@link Dnsmasq}) instead of
     * the in-memory one; {@link #dns} is then unused.
     */
    public static TestServer startWithRealDns(String toml) {
        try {
            return start(toml, "mx.example.test", null, Files.createTempDirectory("tegami-test"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestServer start(String toml, String hostname, InMemoryResolver dns) {
        try {
            Path dir = Files.createTempDirectory("tegami-test");
            return start(toml, hostname, dns, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts (or restarts) on an existing data directory. */
    public static TestServer start(String toml, String hostname, InMemoryResolver dns, Path dir) {
        TegamiConfig config;
        try {
            config = ConfigLoader.parse(toml, "test.toml");
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        StartupException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            int offset = freeOffset(config);
            try {
                Tegami t = Tegami.start(config, new ServerOptions(dir, hostname, "127.0.0.1", offset), dns,
                        Clock.systemUTC());
                return new TestServer(dir, dns, t, hostname);
            } catch (StartupException e) {
                last = e; // a port was taken meanwhile: try another offset
            }
        }
        throw new IllegalStateException("could not start a test server: " + last.getMessage(), last);
    }

    /** An offset at which all configured service ports are free right now. */
    private static int freeOffset(TegamiConfig config) {
        var p = config.ports();
        int[] ports = {p.smtp(), p.submission(), p.submissions(), p.imap(), p.imaps(), p.pop3(), p.pop3s()};
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = 20000 + ThreadLocalRandom.current().nextInt(40000);
            boolean ok = true;
            for (int port : ports) {
                if (port != 0 && (port + offset > 65535 || !free(port + offset))) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset found");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port(String service) {
        return tegami.port(service);
    }

    /** Adds domain and an account with the given password; returns the canonical address. */
    public String addUser(String address, String password) {
        String domain = address.substring(address.indexOf('@') + 1);
        if (!admin.domains().contains(domain)) {
            admin.addDomain(domain);
        }
        return admin.addUser(address, null, password, false).address();
    }

    /** Stops the server; the data directory stays (restart with {@link #start(String, String, InMemoryResolver, Path)}). */
    @Override
    public void close() {
        tegami.close();
    }

    /** Stops and removes the data directory. */
    public void destroy() {
        close();
        deleteRecursively(dataDir);
    }

    static void deleteRecursively(Path p) {
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // temp files; best effort
        }
    }
}
