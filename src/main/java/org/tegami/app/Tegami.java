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
import org.tegami.pipeline.LocalDeliveryStage;
import org.tegami.pipeline.Pipeline;
import org.tegami.pipeline.ReceivedHeaderStage;
import org.tegami.pipeline.Role;
import org.tegami.pipeline.Stage;
import org.tegami.sasl.Mechanisms;
import org.tegami.smtpserver.ConnectionGate;
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
                    new AuthThrottle(config.auth(), clock), config.smtp().recipientDelimiter(), clock, serverKey);
            this.tls = loadTls();
            buildSmtp(random, serverKey);
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

    private void buildSmtp(SecureRandom random, byte[] serverKey) {
        List<Stage> checks = new ArrayList<>();
        checks.add(new ReceivedHeaderStage(resolver, clock));
        Pipeline pipeline = new Pipeline(checks, null,
                new LocalDeliveryStage(store.mail(), store.blobs(), clock));
        Mechanisms mechanisms = new Mechanisms(config.auth().cramMd5(), hostname, random, serverKey);
        SmtpContext ctx = new SmtpContext(hostname, config.smtp(), config.auth(), directory, store.mail(), pipeline, tls,
                mechanisms, ConnectionGate.OPEN, SmtpContext.Extensions.NONE, clock);
        smtp = new SmtpServer(ctx);
        imap = new ImapServer(hostname, config.imap(), config.auth(), directory, store.mail(), store.blobs(), tls,
                mechanisms, clock);
        services.add(imap);
    }

    private void startListeners() throws StartupException {
        var ports = config.ports();
        addListener("smtp", ports.smtp(), smtp.handler(Role.MX), null);
        addListener("submission", ports.submission(), smtp.handler(Role.SUBMISSION), null);
        addListener("submissions", ports.submissions(), smtp.handler(Role.SUBMISSION), tls);
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
