package org.tegami.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.tegami.admin.Admin;
import org.tegami.app.ServerOptions;
import org.tegami.app.Tegami;
import org.tegami.config.ConfigLoader;
import org.tegami.dns.Resolver;

/**
 * Several Tegami instances on their own loopback addresses (serve --bind 127.0.0.N) for
 * multi-server tests; {@link Dnsmasq} holds their DNS records. Never the machine's DNS.
 */
public final class Instances {

    private Instances() {}

    /** A running instance and its admin operations. */
    public record Node(Tegami tegami, Admin admin, Path dir) implements AutoCloseable {
        public void addUser(String address, String password, boolean anySender) {
            String domain = address.substring(address.indexOf('@') + 1);
            if (!admin.domains().contains(domain)) {
                admin.addDomain(domain);
            }
            admin.addUser(address, null, password, anySender);
        }

        @Override
        public void close() {
            tegami.close();
            deleteRecursively(dir);
        }
    }

    /** Starts an instance in-process; resolver null means dnsjava with the config's [dns] servers. */
    public static Node start(String toml, String hostname, String bind, int offset, Resolver resolver) throws Exception {
        return start(toml, hostname, bind, offset, resolver, Files.createTempDirectory("tegami-" + hostname), Clock.systemUTC());
    }

    /** As above, on an existing data directory and with the given clock. */
    public static Node start(String toml, String hostname, String bind, int offset, Resolver resolver, Path dir, Clock clock)
            throws Exception {
        var config = ConfigLoader.parse(toml, hostname + ".toml");
        Tegami t = Tegami.start(config, new ServerOptions(dir, hostname, bind, offset), resolver, clock);
        return new Node(t, new Admin(t.store(), t.config()), dir);
    }

    public static void deleteRecursively(Path p) {
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // temp files; best effort
        }
    }

    /** A port offset at which these services' ports are free on every one of the addresses. */
    public static int freeOffset(List<String> addresses, int... ports) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = 20000 + ThreadLocalRandom.current().nextInt(40000);
            if (allFree(addresses, offset, ports)) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset");
    }

    public static boolean allFree(List<String> addresses, int offset, int... ports) {
        for (String a : addresses) {
            for (int p : ports) {
                if (p + offset > 65535 || !free(a, p + offset)) {
                    return false;
                }
            }
        }
        return true;
    }

    public static boolean free(String address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
