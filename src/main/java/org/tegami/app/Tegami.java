package org.tegami.app;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.config.ServerConfig;
import org.tegami.config.TegamiConfig;
import org.tegami.directory.AuthThrottle;
import org.tegami.directory.Directory;
import org.tegami.directory.PasswordHasher;
import org.tegami.dns.DnsjavaResolver;
import org.tegami.dns.Resolver;
import org.tegami.imapserver.ImapServer;
import org.tegami.net.ConnectionHandler;
import org.tegami.net.Listener;
import org.tegami.net.TlsContext;
import org.tegami.keys.CryptoKeys;
import org.tegami.keys.MailboxCrypto;
import org.tegami.pipeline.CryptoMailboxCopies;
import org.tegami.pipeline.CorrespondentRecorder;
import org.tegami.pipeline.CorrespondentStage;
import org.tegami.pipeline.DeliveredNoticeStage;
import org.tegami.pipeline.LocalDeliveryStage;
import org.tegami.pipeline.LoopGuardStage;
import org.tegami.pipeline.OutboundCryptoStage;
import org.tegami.pipeline.QueueStage;
import org.tegami.pipeline.SubmissionStage;
import org.tegami.queue.OutboundQueue;
import org.tegami.pipeline.Pipeline;
import org.tegami.pipeline.ReceivedHeaderStage;
import org.tegami.pipeline.Role;
import org.tegami.pipeline.SignatureStage;
import org.tegami.pipeline.Stage;
import org.tegami.pipeline.StoreCorrespondentHistory;
import org.tegami.pop3server.Maildrops;
import org.tegami.pop3server.Pop3Context;
import org.tegami.pop3server.Pop3Server;
import org.tegami.sasl.Mechanisms;
import org.tegami.policy.ConnectionLimits;
import org.tegami.policy.ConnectionPolicy;
import org.tegami.smtpserver.PolicyGate;
import org.tegami.smtpserver.SmtpContext;
import org.tegami.smtpserver.SmtpServer;
import org.tegami.store.sqlite.SqliteStore;

/**
 * The running server: builds every component with plain constructors (no container), starts the
 * listeners, and stops everything in reverse order (DESIGN.md, app).
 */
public final class Tegami implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("tegami.app");

    private final TegamiConfig config;
    private final String hostname;
    private final Path dataDir;
    private final SqliteStore store;
    private final Resolver resolver;
    private final Directory directory;
    private final TlsContext tls;
    private final Clock clock;
    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    private final List<AutoCloseable> services = new ArrayList<>();
    private Thread janitor;
    /** Set once every listener is up: only then is "stopped" worth a log line. */
    private boolean started;

    private Tegami(TegamiConfig config, String hostname, Path dataDir, Resolver resolver, Clock clock)
            throws StartupException {
        this.config = config;
        this.hostname = hostname;
        this.dataDir = dataDir;
        this.clock = clock;
        this.resolver = resolver;
        try {
            this.store = new SqliteStore(dataDir);
        } catch (RuntimeException e) {
            throw new StartupException("cannot open the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        try {
            SecureRandom random = new SecureRandom();
            byte[] serverKey = ServerKeys.load(dataDir, random);
            this.directory = new Directory(store.directory(), new PasswordHasher(random),
                    new AuthThrottle(config.auth(), clock), config.smtp().recipientDelimiter(), clock, serverKey,
                    java.util.Set.of(config.dmarc().reportAddress()));
            this.tls = loadTls();
            buildSmtp(random, serverKey);
            buildPop3(random, serverKey);
        } catch (IOException e) {
            store.close();
            throw new StartupException("cannot start: " + e.getMessage(), e);
        } catch (StartupException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Starts a server with the given config and command-line options; binds every port or fails. */
    public static Tegami start(TegamiConfig fileConfig, ServerOptions options) throws StartupException {
        return start(fileConfig, options, null, Clock.systemUTC());
    }

    /** As {@link #start(TegamiConfig, ServerOptions)}, with an injected resolver (tests). */
    public static Tegami start(TegamiConfig fileConfig, ServerOptions options, Resolver resolver, Clock clock)
            throws StartupException {
        ServerConfig sc = fileConfig.server();
        TegamiConfig config = fileConfig.withServer(new ServerConfig(
                options.hostname() != null ? options.hostname() : sc.hostname() != null ? sc.hostname() : Hostnames.local(),
                options.bind() != null ? options.bind() : sc.bind(),
                options.portOffset() != null ? options.portOffset() : sc.portOffset()));
        Resolver r = resolver != null ? resolver
                : new DnsjavaResolver(config.dns().servers(), config.dns().timeout());
        Tegami t = new Tegami(config, config.server().hostname(), options.dataDir(), r, clock);
        try {
            t.startListeners();
        } catch (StartupException e) {
            t.close();
            throw e;
        }
        t.startJanitor();
        t.startTlsWatcher();
        t.queue.start();
        t.mailAuth.startReporter(t.queue);
        t.started = true;
        LOG.info("Tegami {} started: hostname={} data={} {}", Version.get(), t.hostname, options.dataDir().toAbsolutePath(),
                t.listenerSummary());
        return t;
    }

    private TlsContext loadTls() throws StartupException {
        try {
            if (config.tls().selfSigned()) {
                TlsContext ctx = TlsContext.selfSigned(dataDir.resolve("tls"), hostname);
                LOG.info("TLS: self-signed certificate for {} in {}, SHA-256 fingerprint {}", hostname,
                        dataDir.resolve("tls"), ctx.fingerprint());
                return ctx;
            }
            TlsContext ctx = TlsContext.fromPem(Path.of(config.tls().cert()), Path.of(config.tls().key()));
            LOG.info("TLS: certificate {} SHA-256 fingerprint {}", config.tls().cert(), ctx.fingerprint());
            return ctx;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new StartupException("cannot load the TLS certificate: " + e.getMessage()
                    + " (check [tls] cert and key in the config)", e);
        }
    }

    private SmtpServer smtp;
    private ImapServer imap;

    private CryptoKeys cryptoKeys;

    private MailboxCrypto mailboxCrypto;

    private OutboundQueue queue;

    private MailAuthWiring mailAuth;

    private void buildSmtp(SecureRandom random, byte[] serverKey) throws IOException {
        mailAuth = new MailAuthWiring(config, hostname, dataDir, store, resolver, clock);
        services.add(mailAuth::close);
        // Mail crypto (issue 7): keys, trust anchors and policies from the store; private keys
        // sealed with [crypto] seal_key_file. Local delivery decrypts / encrypts at rest per account.
        cryptoKeys = new CryptoKeys(store.keys(), config.crypto(), dataDir, clock, random);
        mailboxCrypto = new MailboxCrypto(cryptoKeys);
        LocalDeliveryStage localDelivery = new LocalDeliveryStage(store.mail(), store.blobs(), clock,
                new CryptoMailboxCopies(mailboxCrypto));
        queue = buildQueue(localDelivery);
        List<Stage> checks = new ArrayList<>();
        // Submission adds Message-ID/Date before Received: is prepended, so Received: stays on top.
        checks.add(new SubmissionStage(directory, clock));
        checks.add(new LoopGuardStage(config.queue().maxReceived()));
        checks.add(new ReceivedHeaderStage(resolver, clock));
        // Order of the remaining checks (each a small Stage): strip forged trust headers ->
        // SPF/DKIM/DMARC + Authentication-Results (records MessageAuthentication) -> S/MIME/PGP
        // signature verification header -> threat analysis (reads MessageAuthentication) ->
        // outbound transforms for submitted mail (S/MIME/PGP sign/encrypt, then DKIM signing last).
        // SPF/DKIM/DMARC: strip forged Authentication-Results, check, act on DMARC, record
        // MessageAuthentication for the stages below.
        checks.addAll(mailAuth.inboundStages());
        // SignatureStage: removes X-Tegami-Signature from outside, verifies (MX). Keep it after the
        // DKIM/DMARC check (removing a field can break a DKIM signature covering it).
        checks.add(new SignatureStage(cryptoKeys));
        StoreCorrespondentHistory history = ThreatWiring.history(store, clock, ThreatWiring.SERVER_CACHE_MILLIS);
        CorrespondentRecorder recorder = ThreatWiring.recorder(store, history, clock);
        services.add(recorder);
        if (config.threat().enabled()) {
            checks.add(ThreatWiring.stage(config.threat(), store, history, clock)); // after authentication and signature verification, before any transform
        }
        // OutboundCryptoStage changes the body of submitted mail (sign/encrypt): it MUST stay after
        // every check that reads the plaintext and BEFORE DKIM signing, which signs the final bytes
        // and so must be the last transform in this list.
        checks.add(new OutboundCryptoStage(cryptoKeys));
        Stage dkimSign = mailAuth.signStage();
        if (dkimSign != null) {
            checks.add(dkimSign); // last: nothing may change the message after it is signed
        }
        // After local delivery succeeded: learn correspondents (senders of accepted mail, recipients of submitted mail).
        Stage delivery = new CorrespondentStage(new DeliveredNoticeStage(localDelivery, queue), store.directory(), recorder);
        Pipeline pipeline = new Pipeline(checks, new QueueStage(queue), delivery);
        Mechanisms mechanisms = new Mechanisms(config.auth().cramMd5(), hostname, random, serverKey);
        SmtpContext ctx = new SmtpContext(hostname, config.smtp(), config.auth(), directory, store.mail(), pipeline, tls,
                mechanisms, new PolicyGate(new ConnectionPolicy(config.policy(), resolver),
                        new ConnectionLimits(config.policy(), System::nanoTime)),
                QueueWiring.dsnExtension(), clock);
        smtp = new SmtpServer(ctx);
        // APPEND goes through mail crypto too, so encryption at rest covers mail not received by SMTP.
        imap = new ImapServer(hostname, config.imap(), config.auth(), directory, store.mail(), store.blobs(), tls,
                mechanisms, clock, (account, message) -> switch (mailboxCrypto.forAppend(account, message)) {
                    case MailboxCrypto.Result.Store st -> java.util.Optional.of(st.copies().get(0));
                    case MailboxCrypto.Result.Defer d -> java.util.Optional.empty();
                });
        services.add(imap);
    }

    private Pop3Server pop3;

    private void buildPop3(SecureRandom random, byte[] serverKey) {
        Mechanisms mechanisms = new Mechanisms(config.auth().cramMd5(), hostname, random, serverKey);
        pop3 = new Pop3Server(new Pop3Context(hostname, config.pop3(), config.auth(), directory, store.mail(),
                store.blobs(), tls, mechanisms, new Maildrops(), clock));
    }

    /** The outbound queue; outbound connections come from --bind when given (like smtp_bind_address). */
    private OutboundQueue buildQueue(LocalDeliveryStage localDelivery) {
        java.net.InetAddress bindAddress = config.server().bind() == null ? null
                : com.google.common.net.InetAddresses.forString(config.server().bind());
        OutboundQueue q = new OutboundQueue(store.queue(), store.blobs(), resolver, config.queue(), config.relay(), hostname,
                bindAddress, config.queue().mxPort(), QueueWiring.localDelivery(directory, localDelivery, hostname), clock,
                mailAuth.queueSigner());
        services.add(q);
        return q;
    }

    /**
     * Mail crypto: what is stored for an account. The IMAP server must pass every APPENDed
     * message through {@link MailboxCrypto#forAppend} so that encryption at rest also covers
     * messages that do not arrive by SMTP.
     */
    public MailboxCrypto mailboxCrypto() {
        return mailboxCrypto;
    }

    /** Keys, trust anchors and policies of mail crypto (tests, admin). */
    public CryptoKeys cryptoKeys() {
        return cryptoKeys;
    }

    /** The daily DMARC aggregate reporter, or null when [dmarc] reports is off (tests). */
    public org.tegami.mailauth.DmarcReporter dmarcReporter() {
        return mailAuth.reporter;
    }

    /** Our DKIM keys (tests). */
    public org.tegami.mailauth.DkimKeyring dkimKeyring() {
        return mailAuth.keyring;
    }

    /** The outbound queue (tests, admin). */
    public OutboundQueue queue() {
        return queue;
    }

    private void startListeners() throws StartupException {
        var ports = config.ports();
        addListener("smtp", ports.smtp(), smtp.handler(Role.MX), null);
        addListener("submission", ports.submission(), smtp.handler(Role.SUBMISSION), null);
        addListener("submissions", ports.submissions(), smtp.handler(Role.SUBMISSION), tls);
        addListener("pop3", ports.pop3(), pop3.handler(), null);
        addListener("pop3s", ports.pop3s(), pop3.handler(), tls);
        // IMAP sessions buffer their replies themselves and may idle by the thousand: small buffers.
        addListener("imap", ports.imap(), imap.handler(), null, 4096);
        addListener("imaps", ports.imaps(), imap.handler(), tls, 4096);
    }

    private void addListener(String name, int port, ConnectionHandler handler, TlsContext implicitTls)
            throws StartupException {
        addListener(name, port, handler, implicitTls, 16 * 1024);
    }

    private void addListener(String name, int port, ConnectionHandler handler, TlsContext implicitTls, int buffer)
            throws StartupException {
        if (port == 0) {
            return;
        }
        int effective = port + config.server().portOffset();
        if (effective > 65535) {
            throw new StartupException(name + ": port " + port + " + offset " + config.server().portOffset()
                    + " is above 65535; use a smaller --port-offset");
        }
        InetSocketAddress address = config.server().bind() == null
                ? new InetSocketAddress(effective)
                : new InetSocketAddress(com.google.common.net.InetAddresses.forString(config.server().bind()), effective);
        Listener l = new Listener(name, address, handler, implicitTls, buffer);
        try {
            l.start();
        } catch (BindException e) {
            String where = (config.server().bind() == null ? "*" : config.server().bind()) + ":" + effective;
            if (effective < 1024 && String.valueOf(e.getMessage()).toLowerCase().contains("permission")) {
                throw new StartupException("cannot listen on " + where + " (" + name + "): ports below 1024 need root;"
                        + " run as root or add --port-offset 10000 (then " + name + " is on " + (port + 10000) + ")");
            }
            throw new StartupException("cannot listen on " + where + " (" + name + "): " + e.getMessage()
                    + " — is another mail server running? Stop it, or use --port-offset N or --bind ADDR");
        } catch (IOException e) {
            throw new StartupException("cannot listen on port " + effective + " (" + name + "): " + e.getMessage());
        }
        listeners.put(name, l);
    }

    private String listenerSummary() {
        StringBuilder sb = new StringBuilder();
        for (Listener l : listeners.values()) {
            sb.append(l.name()).append('=').append(l.port()).append(' ');
        }
        return sb.toString().strip();
    }

    /** Hourly garbage collection of unreferenced blobs (and a first pass shortly after start). */
    private void startJanitor() {
        janitor = Thread.ofVirtual().name("janitor").start(() -> {
            try {
                indexMissing();
                TimeUnit.MINUTES.sleep(1);
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        int n = store.collectGarbage(TimeUnit.HOURS.toMillis(1));
                        if (n > 0) {
                            LOG.info("garbage collection removed {} unreferenced blobs", n);
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("garbage collection failed: {}", e.getMessage());
                    }
                    TimeUnit.HOURS.sleep(1);
                }
            } catch (InterruptedException e) {
                // stopping
            }
        });
    }

    /** Reloads the TLS certificate if its files changed (also on SIGHUP from `tegami serve`). */
    public void reloadTls() {
        try {
            if (tls.reloadIfChanged()) {
                LOG.info("TLS: certificate reloaded, SHA-256 fingerprint {}", tls.fingerprint());
            }
        } catch (IOException | java.security.GeneralSecurityException e) {
            LOG.warn("TLS: new certificate not loaded, keeping the old one: {}", e.getMessage());
        }
    }

    /** Notices renewed certificate files (e.g. by certbot) within ten seconds. */
    private void startTlsWatcher() {
        Thread w = Thread.ofVirtual().name("tls-watcher").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    TimeUnit.SECONDS.sleep(10);
                    reloadTls();
                }
            } catch (InterruptedException e) {
                // stopping
            }
        });
        services.add(w::interrupt);
    }

    /**
     * Search/sort index of messages stored before the index existed (an upgraded data directory),
     * built in small batches at start.
     */
    private void indexMissing() {
        int total = 0;
        try {
            int n;
            while (!Thread.currentThread().isInterrupted() && (n = store.mail().indexMissing(store.blobs(), 200)) > 0) {
                total += n;
            }
        } catch (RuntimeException e) {
            LOG.warn("indexing stored messages failed: {}", e.getMessage());
        }
        if (total > 0) {
            LOG.info("indexed {} stored messages for IMAP search", total);
        }
    }

    /** The port a service listens on (after the offset), or -1 if it is not running. */
    public int port(String service) {
        Listener l = listeners.get(service);
        return l == null ? -1 : l.port();
    }

    public SqliteStore store() {
        return store;
    }

    public Directory directory() {
        return directory;
    }

    public TegamiConfig config() {
        return config;
    }

    public String hostname() {
        return hostname;
    }

    @Override
    public void close() {
        if (janitor != null) {
            janitor.interrupt();
        }
        List<Listener> ls = new ArrayList<>(listeners.values());
        java.util.Collections.reverse(ls);
        for (Listener l : ls) {
            l.close();
        }
        for (AutoCloseable s : services) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.warn("stopping {}: {}", s, e.getMessage());
            }
        }
        store.close();
        if (started) {
            LOG.info("Tegami stopped");
        }
    }
}
