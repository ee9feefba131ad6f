package org.tegami.queue;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.config.QueueConfig;
import org.tegami.config.RelayConfig;
import org.tegami.dns.Resolver;
import org.tegami.dsn.DeliveryReport;
import org.tegami.store.BlobStore;
import org.tegami.store.QueueStore;

/**
 * The outbound MTA (DESIGN.md, queue): durable entries in {@link QueueStore}, a scheduler that
 * polls the table for due recipients (so `tegami queue retry` from another process is noticed),
 * groups them per message and destination, and hands them to delivery workers — at most
 * {@code max_connections_per_domain} per destination and {@code max_connections} in all, each
 * reusing its connection for every job of its destination. Transient failures are retried with
 * exponential backoff until the lifetime ends; permanent ones and expiry bounce (RFC 3464).
 */
public final class OutboundQueue implements AutoCloseable {

    static final Logger LOG = LoggerFactory.getLogger("tegami.queue");
    /** Local reports are delivered by a few workers without network connections. */
    private static final String LOCAL = "local";
    private static final int LOCAL_WORKERS = 4;
    /** Due recipients fetched per scan beyond those already in flight. */
    private static final int SCAN_BATCH = 1000;
    /** Scan again as soon as fewer jobs than this wait for workers. */
    private static final int LOW_WATER = 200;
    /** RFC 5321 §4.5.3.1.8: servers accept at least 100 recipients per transaction. */
    private static final int MAX_RCPTS_PER_TRANSACTION = 100;

    final QueueStore store;
    final Spool spool;
    final Notices notices;
    final Router router;
    final QueueConfig config;
    final RelayConfig relay;
    final String hostname;
    final InetAddress bind;
    final LocalDelivery local;
    final Clock clock;

    /** Recipient ids handed to a worker and not yet recorded: never scheduled twice. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Destination> destinations = new ConcurrentHashMap<>();
    private final Semaphore connections;
    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicInteger pendingJobs = new AtomicInteger();
    private final ReentrantLock spawnLock = new ReentrantLock();
    private volatile boolean running;

    boolean running() {
        return running;
    }
    private Thread scheduler;

    /** Jobs waiting for one destination (a domain or the smarthost) and the workers serving it. */
    static final class Destination {
        final String key;
        final Queue<Job> jobs = new ConcurrentLinkedQueue<>();
        final AtomicInteger workers = new AtomicInteger();

        Destination(String key) {
            this.key = key;
        }
    }

    /**
     * @param bind local address outbound connections come from (serve --bind), or null
     * @param remotePort port of remote MX hosts: 25 (other values only for tests)
     */
    public OutboundQueue(QueueStore store, BlobStore blobs, Resolver resolver, QueueConfig config, RelayConfig relay,
            String hostname, InetAddress bind, int remotePort, LocalDelivery local, Clock clock) {
        this(store, blobs, resolver, config, relay, hostname, bind, remotePort, local, clock, OutgoingSigner.NONE);
    }

    /** @param signer signs the reports the queue generates (DSNs) before they are queued */
    public OutboundQueue(QueueStore store, BlobStore blobs, Resolver resolver, QueueConfig config, RelayConfig relay,
            String hostname, InetAddress bind, int remotePort, LocalDelivery local, Clock clock, OutgoingSigner signer) {
        this.store = store;
        this.spool = new Spool(blobs);
        this.notices = new Notices(hostname, spool, signer);
        this.router = new Router(resolver, relay, remotePort, bind);
        this.config = config;
        this.relay = relay;
        this.hostname = hostname;
        this.bind = bind;
        this.local = local;
        this.clock = clock;
        this.connections = new Semaphore(config.maxConnections());
    }

    public void start() {
        running = true;
        scheduler = Thread.ofVirtual().name("queue-scheduler").start(this::loop);
    }

    /** Asks the scheduler to scan now (new entries, results recorded). */
    public void wake() {
        wakeups.release();
    }

    /**
     * Queues a message for remote recipients durably; returns once the entry is committed, so the
     * caller may then acknowledge the message.
     *
     * @param sender envelope sender, "" for the null sender
     */
    public long submit(byte[] content, String sender, String envid, String ret, boolean smtpUtf8, String origin,
            List<QueueStore.NewRecipient> recipients) throws Exception {
        long now = clock.millis();
        long id = spool.locked(() -> store.enqueue(List.of(
                spool.prepare(content, sender, envid, ret, smtpUtf8, origin, recipients, now))).get(0));
        wake();
        return id;
    }

    /** Withdraws an entry whose transaction failed after it was queued; false if it is gone already. */
    public boolean cancel(long id) {
        return store.delete(id);
    }

    /**
     * RFC 3461 §5.3: local recipients that asked for NOTIFY=SUCCESS get a "delivered" report once
     * their copy is stored. The report is queued like any other (and delivered or sent from there).
     *
     * @param delivered the recipients as given (address, NOTIFY, ORCPT); those without SUCCESS are skipped
     */
    public void reportDelivered(byte[] content, String sender, String envid, String ret, boolean smtpUtf8,
            List<QueueStore.NewRecipient> delivered) throws Exception {
        if (sender.isEmpty() || delivered.isEmpty()) {
            return;
        }
        long now = clock.millis();
        QueueStore.QueuedMessage m = new QueueStore.QueuedMessage(0, "", content.length, sender, envid, ret, smtpUtf8,
                false, "local delivery", now, List.of());
        List<Notices.Event> events = new ArrayList<>();
        for (QueueStore.NewRecipient r : delivered) {
            QueueStore.QueuedRecipient qr = new QueueStore.QueuedRecipient(0, 0, r.address(), r.domain(), r.orcpt(),
                    r.notifyParam(), QueueStore.Status.DELIVERED, 1, 0, now, null, false);
            events.add(new Notices.Event(qr, DeliveryReport.Action.DELIVERED, "2.0.0", null,
                    "250 2.0.0 delivered to the mailbox", Instant.ofEpochMilli(now), null));
        }
        boolean queued = spool.locked(() -> {
            QueueStore.Enqueue e = notices.report(m, content, events, now);
            if (e != null) {
                store.enqueue(List.of(e));
            }
            return e != null;
        });
        if (queued) {
            wake();
        }
    }

    private void loop() {
        while (running) {
            try {
                long wait = Math.max(1, Math.min(config.pollInterval().toMillis(), store.nextDue() - clock.millis()));
                wakeups.tryAcquire(wait, TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
                if (!running) {
                    return;
                }
                if (pendingJobs.get() < LOW_WATER) {
                    scan();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("queue scan failed: {}", e.getMessage());
                sleepQuietly(config.pollInterval());
            }
        }
    }

    /** Reads due recipients, groups them into jobs per message and destination, starts workers. */
    void scan() {
        long now = clock.millis();
        List<QueueStore.QueuedRecipient> due = store.due(now, inFlight.size() + SCAN_BATCH);
        Map<String, List<QueueStore.QueuedRecipient>> groups = new LinkedHashMap<>();
        Map<String, Boolean> localDomains = new java.util.HashMap<>();
        for (QueueStore.QueuedRecipient r : due) {
            if (!inFlight.add(r.id())) {
                continue;
            }
            String key = localDomains.computeIfAbsent(r.domain(), local::isLocal) ? LOCAL : router.key(r.domain());
            groups.computeIfAbsent(r.messageId() + "\n" + key + "\n" + r.domain(), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<QueueStore.QueuedRecipient>> g : groups.entrySet()) {
            String[] parts = g.getKey().split("\n", 3);
            List<QueueStore.QueuedRecipient> rs = g.getValue();
            Destination d = destinations.computeIfAbsent(parts[1], Destination::new);
            for (int i = 0; i < rs.size(); i += MAX_RCPTS_PER_TRANSACTION) {
                d.jobs.add(new Job(Long.parseLong(parts[0]), parts[2],
                        rs.subList(i, Math.min(rs.size(), i + MAX_RCPTS_PER_TRANSACTION))));
                pendingJobs.incrementAndGet();
            }
        }
        startWorkers();
    }

    /** Starts workers where jobs wait, within the per-destination and global limits. */
    void startWorkers() {
        spawnLock.lock();
        try {
            for (Destination d : destinations.values()) {
                boolean isLocal = d.key.equals(LOCAL);
                int limit = isLocal ? LOCAL_WORKERS : config.maxConnectionsPerDomain();
                // One new worker per waiting job, up to the limit: a single message needs one connection.
                while (running && d.workers.get() < limit && d.workers.get() < d.jobs.size()) {
                    if (!isLocal && !connections.tryAcquire()) {
                        return;
                    }
                    d.workers.incrementAndGet();
                    Thread.ofVirtual().name("queue-" + d.key).start(() -> work(d, isLocal));
                }
            }
        } finally {
            spawnLock.unlock();
        }
    }

    private void work(Destination d, boolean isLocal) {
        try {
            if (isLocal) {
                new LocalWorker(this, d).run();
            } else {
                new DeliveryWorker(this, d).run();
            }
        } catch (RuntimeException e) {
            LOG.error("queue worker for {} failed", d.key, e);
        } finally {
            d.workers.decrementAndGet();
            if (!isLocal) {
                connections.release();
            }
            startWorkers();
        }
    }

    /** Takes the next job of a destination (workers call this). */
    Job next(Destination d) {
        Job j = d.jobs.poll();
        if (j != null && pendingJobs.decrementAndGet() < LOW_WATER) {
            wake();
        }
        return j;
    }

    /** A job's recipients are recorded (or dropped): they may be scheduled again. */
    void release(Job job) {
        for (QueueStore.QueuedRecipient r : job.recipients()) {
            inFlight.remove(r.id());
        }
    }

    /**
     * Records a job's outcomes on a thread of its own and then releases the job, so a worker goes on
     * with its next message without waiting for the commit's fsync. A crash before the commit leaves
     * the recipients queued: they are sent again (at-least-once, DESIGN.md Durability).
     */
    void recordAsync(Job job, QueueStore.QueuedMessage m, byte[] content, List<Outcome> outcomes) {
        Thread.ofVirtual().name("queue-record").start(() -> {
            try {
                record(m, content, outcomes);
            } finally {
                release(job);
            }
        });
    }

    /**
     * Records what a job's attempt did, with the reports it calls for, in one durable transaction:
     * a recipient is never marked failed without its bounce being queued too.
     */
    void record(QueueStore.QueuedMessage m, byte[] content, List<Outcome> outcomes) {
        long now = clock.millis();
        long expiry = m.createdAt() + config.lifetime().toMillis();
        List<QueueStore.Update> updates = new ArrayList<>();
        List<Notices.Event> failed = new ArrayList<>();
        List<Notices.Event> delayed = new ArrayList<>();
        List<Notices.Event> succeeded = new ArrayList<>();
        Instant at = Instant.ofEpochMilli(now);
        for (Outcome o : outcomes) {
            QueueStore.QueuedRecipient r = o.recipient();
            switch (o.kind()) {
                case DELIVERED -> {
                    updates.add(new QueueStore.Update(r.id(), QueueStore.Status.DELIVERED, o.diagnostic(), 0, r.warned(), true));
                    if (!o.remoteDsn()) {
                        DeliveryReport.Action a = o.remoteMta() == null ? DeliveryReport.Action.DELIVERED : DeliveryReport.Action.RELAYED;
                        succeeded.add(new Notices.Event(r, a, "2.0.0", o.remoteMta(), o.diagnostic(), at, null));
                    }
                    log(m, r, "sent", o);
                }
                case FAILED -> {
                    updates.add(new QueueStore.Update(r.id(), QueueStore.Status.FAILED, o.diagnostic(), 0, r.warned(), true));
                    failed.add(new Notices.Event(r, DeliveryReport.Action.FAILED, o.status(), o.remoteMta(), o.diagnostic(), at, null));
                    log(m, r, "bounced", o);
                }
                case DEFERRED -> {
                    if (now >= expiry) {
                        String diag = "delivery time expired after " + config.lifetime() + "; last error: " + o.diagnostic();
                        updates.add(new QueueStore.Update(r.id(), QueueStore.Status.FAILED, diag, 0, r.warned(), true));
                        failed.add(new Notices.Event(r, DeliveryReport.Action.FAILED, "5.4.7", o.remoteMta(), diag, at, null));
                        log(m, r, "expired", o);
                        continue;
                    }
                    long next = Math.min(now + backoff(r.attempts() + 1), expiry);
                    boolean warn = !r.warned() && !config.delayWarning().isZero()
                            && now - m.createdAt() >= config.delayWarning().toMillis();
                    if (warn) {
                        delayed.add(new Notices.Event(r, DeliveryReport.Action.DELAYED, o.status(), o.remoteMta(),
                                o.diagnostic(), at, Instant.ofEpochMilli(expiry)));
                    }
                    updates.add(new QueueStore.Update(r.id(), QueueStore.Status.QUEUED, o.diagnostic(), next, r.warned() || warn, true));
                    log(m, r, "deferred", o);
                }
            }
        }
        try {
            int reports = spool.locked(() -> {
                List<QueueStore.Enqueue> dsns = new ArrayList<>();
                for (List<Notices.Event> events : List.of(failed, delayed, succeeded)) {
                    if (!events.isEmpty()) {
                        QueueStore.Enqueue e = notices.report(m, content, events, now);
                        if (e != null) {
                            dsns.add(e);
                        }
                    }
                }
                store.record(now, updates, dsns);
                return dsns.size();
            });
            if (reports > 0) {
                wake();
            }
        } catch (Exception e) {
            // Not recorded: the recipients stay queued and are tried again (at-least-once).
            LOG.error("queue message {}: recording results failed: {}", m.id(), e.getMessage());
        }
    }

    /** Exponential backoff: retry_initial doubled per failed attempt, at most retry_max. */
    long backoff(int attempts) {
        long initial = config.retryInitial().toMillis();
        long max = config.retryMax().toMillis();
        int shift = Math.min(30, Math.max(0, attempts - 1));
        long d = initial << shift;
        return d <= 0 || d > max ? max : d;
    }

    private void log(QueueStore.QueuedMessage m, QueueStore.QueuedRecipient r, String status, Outcome o) {
        LOG.info("queue id={} from=<{}> to=<{}> relay={} attempts={} delay={}s status={} ({})", m.id(), m.sender(),
                r.address(), o.remoteMta() == null ? (status.equals("sent") ? "local" : "none") : o.remoteMta(),
                r.attempts() + 1, (clock.millis() - m.createdAt()) / 1000, status, o.diagnostic());
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        if (scheduler != null) {
            scheduler.interrupt();
            try {
                scheduler.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
