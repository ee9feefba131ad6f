package org.tegami.queue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tegami.smtp.Reply;
import org.tegami.store.QueueStore;

/** Delivers queued reports (and other queued mail) for local addresses into their mailboxes. */
final class LocalWorker {

    private final OutboundQueue q;
    private final OutboundQueue.Destination d;

    LocalWorker(OutboundQueue q, OutboundQueue.Destination d) {
        this.q = q;
        this.d = d;
    }

    void run() {
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
    }

    private boolean deliver(Job job) {
        Optional<QueueStore.QueuedMessage> loaded = q.store.message(job.messageId());
        if (loaded.isEmpty()) {
            return false;
        }
        QueueStore.QueuedMessage m = loaded.get();
        byte[] content;
        try {
            content = q.spool.read(m.sha256());
        } catch (IOException e) {
            OutboundQueue.LOG.error("queue message {}: cannot read its blob: {}", m.id(), e.getMessage());
            return false;
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (QueueStore.QueuedRecipient r : DeliveryWorker.stillQueued(m, job)) {
            Reply reply;
            try {
                reply = q.local.deliver(r.address(), m.sender(), content);
            } catch (RuntimeException e) {
                reply = new Reply(451, "4.3.0", "local delivery failed: " + e.getMessage());
            }
            Outcome.Kind kind = reply.isPositive() ? Outcome.Kind.DELIVERED
                    : reply.isPermanent() ? Outcome.Kind.FAILED : Outcome.Kind.DEFERRED;
            outcomes.add(new Outcome(r, kind, reply.enhanced() == null ? "5.0.0" : reply.enhanced(),
                    reply.code() + " " + reply.text(), null, false));
        }
        q.recordAsync(job, m, content, outcomes);
        return true;
    }
}
