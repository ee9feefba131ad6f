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
        Pop3Config pop3,
        RelayConfig relay,
        QueueConfig queue,
        PolicyConfig policy,
        CryptoConfig crypto,
        ThreatConfig threat,
        MailAuthConfig mailAuth,
        DmarcConfig dmarc,
        ImapConfig imap) {

    /** All defaults, as if tegami.toml were empty. */
    public static TegamiConfig defaults() {
        try {
            return ConfigLoader.parse("", "(defaults)");
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy with some sections replaced: {@code config.with(b -> b.smtp = newSmtp)}. */
    public TegamiConfig with(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    public TegamiConfig withServer(ServerConfig s) {
        return with(b -> b.server = s);
    }

    public TegamiConfig withDns(DnsConfig d) {
        return with(b -> b.dns = d);
    }

    public TegamiConfig withAuth(AuthConfig a) {
        return with(b -> b.auth = a);
    }

    public TegamiConfig withSmtp(SmtpConfig s) {
        return with(b -> b.smtp = s);
    }

    public TegamiConfig withPorts(PortsConfig p) {
        return with(b -> b.ports = p);
    }

    public TegamiConfig withPop3(Pop3Config p) {
        return with(b -> b.pop3 = p);
    }

    public TegamiConfig withRelay(RelayConfig r) {
        return with(b -> b.relay = r);
    }

    public TegamiConfig withQueue(QueueConfig q) {
        return with(b -> b.queue = q);
    }

    public TegamiConfig withCrypto(CryptoConfig c) {
        return with(b -> b.crypto = c);
    }

    public TegamiConfig withThreat(ThreatConfig t) {
        return with(b -> b.threat = t);
    }

    public TegamiConfig withMailAuth(MailAuthConfig m) {
        return with(b -> b.mailAuth = m);
    }

    public TegamiConfig withDmarc(DmarcConfig d) {
        return with(b -> b.dmarc = d);
    }

    public TegamiConfig withImap(ImapConfig i) {
        return with(b -> b.imap = i);
    }

    /** Mutable copy of every section, for {@link #with}; one line per section. */
    public static final class Builder {
        public ServerConfig server;
        public PortsConfig ports;
        public SmtpConfig smtp;
        public TlsConfig tls;
        public DnsConfig dns;
        public AuthConfig auth;
        public Pop3Config pop3;
        public RelayConfig relay;
        public QueueConfig queue;
        public PolicyConfig policy;
        public CryptoConfig crypto;
        public ThreatConfig threat;
        public MailAuthConfig mailAuth;
        public DmarcConfig dmarc;
        public ImapConfig imap;

        Builder(TegamiConfig c) {
            server = c.server;
            ports = c.ports;
            smtp = c.smtp;
            tls = c.tls;
            dns = c.dns;
            auth = c.auth;
            pop3 = c.pop3;
            relay = c.relay;
            queue = c.queue;
            policy = c.policy;
            crypto = c.crypto;
            threat = c.threat;
            mailAuth = c.mailAuth;
            dmarc = c.dmarc;
            imap = c.imap;
        }

        TegamiConfig build() {
            return new TegamiConfig(server, ports, smtp, tls, dns, auth, pop3, relay, queue, policy, crypto, threat, mailAuth, dmarc, imap);
        }
    }
}
