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
        ImapConfig imap) {

    /** All defaults, as if tegami.toml were empty. */
    public static TegamiConfig defaults() {
        try {
            return ConfigLoader.parse("", "(defaults)");
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    public TegamiConfig withServer(ServerConfig s) {
        return new TegamiConfig(s, ports, smtp, tls, dns, auth, imap);
    }

    public TegamiConfig withDns(DnsConfig d) {
        return new TegamiConfig(server, ports, smtp, tls, d, auth, imap);
    }

    public TegamiConfig withAuth(AuthConfig a) {
        return new TegamiConfig(server, ports, smtp, tls, dns, a, imap);
    }

    public TegamiConfig withSmtp(SmtpConfig s) {
        return new TegamiConfig(server, ports, s, tls, dns, auth, imap);
    }

    public TegamiConfig withPorts(PortsConfig p) {
        return new TegamiConfig(server, p, smtp, tls, dns, auth, imap);
    }

    public TegamiConfig withImap(ImapConfig i) {
        return new TegamiConfig(server, ports, smtp, tls, dns, auth, i);
    }
}
