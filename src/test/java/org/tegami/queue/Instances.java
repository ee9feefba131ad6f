package org.tegami.queue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.tegami.admin.Admin;
import org.tegami.app.ServerOptions;
import org.tegami.app.Tegami;
import org.tegami.config.ConfigLoader;
import org.tegami.dns.Resolver;
import org.tegami.testing.ExternalTools;

/**
 * Several Tegami instances on their own loopback addresses (serve --bind 127.0.0.N), and a
 * dnsmasq on loopback holding their MX records, for multi-server tests. Never the machine's DNS.
 */
final class Instances {

    private Instances() {}

    /** A running instance and its admin operations. */
    record Node(Tegami tegami, Admin admin, Path dir) implements AutoCloseable {
        void addUser(String address, String password, boolean anySender) {
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
    static Node start(String toml, String hostname, String bind, int offset, Resolver resolver) throws Exception {
        Path dir = Files.createTempDirectory("tegami-" + hostname);
        var config = ConfigLoader.parse(toml, hostname + ".toml");
        Tegami t = Tegami.start(config, new ServerOptions(dir, hostname, bind, offset), resolver, Clock.systemUTC());
        return new Node(t, new Admin(t.store(), t.config()), dir);
    }

    static void deleteRecursively(Path p) {
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // temp files; best effort
        }
    }

    /** A port offset at which these services' ports are free on every one of the addresses. */
    static int freeOffset(List<String> addresses, int... ports) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = 20000 + ThreadLocalRandom.current().nextInt(40000);
            if (allFree(addresses, offset, ports)) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset");
    }

    static boolean allFree(List<String> addresses, int offset, int... ports) {
        for (String a : addresses) {
            for (int p : ports) {
                if (p + offset > 65535 || !free(a, p + offset)) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean free(String address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
