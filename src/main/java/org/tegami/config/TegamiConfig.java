package org.tegami.config;

/**
 * The whole of tegami.toml as immutable records, validated once at load and passed through
 * constructors (no globals). Each section's keys and defaults are documented on its record and in
 * the README.
 */
public record TegamiConfig(
        ServerConfig server,
        PortsConfig ports,
        SmtpConfig smtp,
        TlsConfig tls,
        DnsConfig dns,
        AuthConfig auth,
        RelayConfig relay,
        QueueConfig queue) {

    /** All defaults, as if tegami.toml were empty. */
    public static TegamiConfig defaults() {
        try {
            return ConfigLoader.parse("", "(defaults)");
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    public TegamiConfig withServer(ServerConfig s) {
        return new TegamiConfig(s, ports, smtp, tls, dns, auth, relay, queue);
    }

    public TegamiConfig withDns(DnsConfig d) {
        return new TegamiConfig(server, ports, smtp, tls, d, auth, relay, queue);
    }

    public TegamiConfig withAuth(AuthConfig a) {
        return new TegamiConfig(server, ports, smtp, tls, dns, a, relay, queue);
    }

    public TegamiConfig withSmtp(SmtpConfig s) {
        return new TegamiConfig(server, ports, s, tls, dns, auth, relay, queue);
    }

    public TegamiConfig withPorts(PortsConfig p) {
        return new TegamiConfig(server, p, smtp, tls, dns, auth, relay, queue);
    }

    public TegamiConfig withRelay(RelayConfig r) {
        return new TegamiConfig(server, ports, smtp, tls, dns, auth, r, queue);
    }

    public TegamiConfig withQueue(QueueConfig q) {
        return new TegamiConfig(server, ports, smtp, tls, dns, auth, relay, q);
    }
}
