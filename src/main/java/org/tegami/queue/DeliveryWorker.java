package org.tegami.queue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tegami.smtp.Reply;
import org.tegami.smtpclient.ClientOptions;
import org.tegami.smtpclient.OutboundMessage;
import org.tegami.smtpclient.SmtpClient;
import org.tegami.smtpclient.SmtpClientException;
import org.tegami.store.QueueStore;

/**
 * Serves one destination: takes its jobs one after another and sends them over one connection
 * (connection reuse), reconnecting when the connection breaks. When the destination cannot be
 * reached at all, the jobs still waiting for it are deferred with the same error instead of each
 * waiting for its own timeouts (as Postfix marks a destination dead).
 */
final class DeliveryWorker {

    private final OutboundQueue q;
    private final OutboundQueue.Destination d;
    private final Map<String, Route> routes = new HashMap<>();
    private SmtpClient client;
    private String clientHost;
    /** Set when the destination is unreachable: later jobs in this run fail the same way at once. */
    private SmtpClientException dead;

    DeliveryWorker(OutboundQueue q, OutboundQueue.Destination d) {
        this.q = q;
        this.d = d;
    }

    void run() {
        try {
            Job job;
            while (q.running() && (job = q.next(d)) != null) {
                boolean recording = false;
                try {
                    recording = deliver(job);
                } finally {
                    if (!recording) {
                        q.release(job);
                    }
                }
            }
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    /** @return true when outcomes were handed to {@link OutboundQueue#recordAsync}, which releases the job */
    private boolean deliver(Job job) {
        Optional<QueueStore.QueuedMessage> loaded = q.store.message(job.messageId());
        if (loaded.isEmpty()) {
            return false; // deleted meanwhile (tegami queue delete)
        }
        QueueStore.QueuedMessage m = loaded.get();
        List<QueueStore.QueuedRecipient> rcpts = stillQueued(m, job);
        if (rcpts.isEmpty()) {
            return false;
        }
        byte[] content;
        try {
            content = q.spool.read(m.sha256());
        } catch (IOException e) {
            OutboundQueue.LOG.error("queue message {}: cannot read its blob {}: {}", m.id(), m.sha256(), e.getMessage());
            return false; // left queued; an operator must look (queue show)
        }
        Route route = routes.computeIfAbsent(job.domain(), q.router::route);
        if (route instanceof Route.Failure f) {
            q.recordAsync(job, m, content, all(rcpts, f.permanent() ? Outcome.Kind.FAILED : Outcome.Kind.DEFERRED, f.status(),
                    f.text(), null, false));
            return true;
        }
        if (dead != null) {
            q.recordAsync(job, m, content, fromException(rcpts, dead));
            return true;
        }
        if (client == null || !client.usable()) {
            try {
                connect((Route.Hosts) route);
            } catch (SmtpClientException e) {
                dead = e;
                q.recordAsync(job, m, content, fromException(rcpts, e));
                return true;
            }
        }
        List<OutboundMessage.Rcpt> to = new ArrayList<>();
        for (QueueStore.QueuedRecipient r : rcpts) {
            to.add(new OutboundMessage.Rcpt(r.address(), r.notifyParam(), r.orcpt()));
        }
        OutboundMessage om = new OutboundMessage(m.sender(), to, m.envid(), m.ret(), m.eightBit(), m.smtpUtf8(), content);
        SmtpClient.Result result;
        try {
            result = client.send(om);
        } catch (IOException e) {
            // The outcome is unknown: retry (at-least-once, DESIGN.md Durability).
            client.close();
            client = null;
            q.recordAsync(job, m, content, all(rcpts, Outcome.Kind.DEFERRED, "4.4.2",
                    "connection to " + clientHost + " lost: " + e.getMessage(), clientHost, false));
            return true;
        }
        boolean remoteDsn = client.supports("DSN");
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < rcpts.size(); i++) {
            Reply r = result.perRecipient().get(i);
            Outcome.Kind kind = r.isPositive() ? Outcome.Kind.DELIVERED
                    : r.isPermanent() ? Outcome.Kind.FAILED : Outcome.Kind.DEFERRED;
            String status = r.enhanced() != null ? r.enhanced() : r.isPositive() ? "2.0.0" : r.isPermanent() ? "5.0.0" : "4.0.0";
            outcomes.add(new Outcome(rcpts.get(i), kind, status, r.code() + " " + (r.enhanced() == null ? "" : r.enhanced() + " ")
                    + r.text(), clientHost, remoteDsn));
        }
        q.recordAsync(job, m, content, outcomes);
        return true;
    }

    /** Tries the hosts in order, each address of each; opportunistic TLS falls back to plaintext. */
    private void connect(Route.Hosts route) throws SmtpClientException {
        SmtpClientException last = null;
        boolean allPermanent = true;
        for (Route.Host host : route.hosts()) {
            for (InetSocketAddress addr : host.addresses()) {
                ClientOptions opts = options(host.name());
                try {
                    client = SmtpClient.connect(addr, opts);
                    clientHost = host.name() + "[" + addr.getAddress().getHostAddress() + "]:" + addr.getPort();
                    return;
                } catch (SmtpClientException e) {
                    if (e.tlsFailure() && opts.tls() == ClientOptions.TlsMode.OPPORTUNISTIC) {
                        // RFC 3207 §4.1 / RFC 7435: opportunistic TLS that fails is retried in the clear.
                        try {
                            client = SmtpClient.connect(addr, opts.withTls(ClientOptions.TlsMode.NONE));
                            clientHost = host.name() + "[" + addr.getAddress().getHostAddress() + "]:" + addr.getPort();
                            return;
                        } catch (SmtpClientException e2) {
                            e = e2;
                        }
                    }
                    OutboundQueue.LOG.info("queue: {} ({}) failed: {}", host.name(), addr, e.getMessage());
                    allPermanent &= e.permanent();
                    last = e;
                    clientHost = host.name();
                }
            }
        }
        if (last == null) {
            last = SmtpClientException.transientError("no address to connect to");
        }
        // A smarthost that refuses us is our configuration problem: keep the mail and retry.
        if (!allPermanent || q.router.viaRelay()) {
            throw new SmtpClientException(last.getMessage(), last.reply(), false, last.tlsFailure());
        }
        throw last;
    }

    private ClientOptions options(String serverName) {
        var c = q.config;
        if (q.router.viaRelay()) {
            var r = q.relay;
            return new ClientOptions(q.hostname, q.bind, c.connectTimeout(), c.commandTimeout(), c.dataTimeout(),
                    r.implicitTls() ? ClientOptions.TlsMode.IMPLICIT : ClientOptions.TlsMode.REQUIRED, r.tlsVerify(),
                    r.host(), r.username(), r.password());
        }
        // MX: opportunistic STARTTLS without certificate checks until MTA-STS/DANE policies exist.
        return new ClientOptions(q.hostname, q.bind, c.connectTimeout(), c.commandTimeout(), c.dataTimeout(),
                ClientOptions.TlsMode.OPPORTUNISTIC, false, serverName, null, null);
    }

    private List<Outcome> fromException(List<QueueStore.QueuedRecipient> rcpts, SmtpClientException e) {
        Reply r = e.reply();
        String status = r != null && r.enhanced() != null ? r.enhanced() : e.permanent() ? "5.4.0" : "4.4.1";
        return all(rcpts, e.permanent() ? Outcome.Kind.FAILED : Outcome.Kind.DEFERRED, status, e.getMessage(),
                clientHost, false);
    }

    static List<Outcome> all(List<QueueStore.QueuedRecipient> rcpts, Outcome.Kind kind, String status, String diag,
            String remote, boolean remoteDsn) {
        List<Outcome> out = new ArrayList<>();
        for (QueueStore.QueuedRecipient r : rcpts) {
            out.add(new Outcome(r, kind, status, diag, remote, remoteDsn));
        }
        return out;
    }

    static List<QueueStore.QueuedRecipient> stillQueued(QueueStore.QueuedMessage m, Job job) {
        List<QueueStore.QueuedRecipient> out = new ArrayList<>();
        for (QueueStore.QueuedRecipient want : job.recipients()) {
            for (QueueStore.QueuedRecipient r : m.recipients()) {
                if (r.id() == want.id() && r.status() == QueueStore.Status.QUEUED) {
                    out.add(r);
                }
            }
        }
        return out;
    }
}
