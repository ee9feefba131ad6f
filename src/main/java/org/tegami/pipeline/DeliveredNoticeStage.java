package org.tegami.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.directory.Resolution;
import org.tegami.dsn.DsnParams;
import org.tegami.queue.OutboundQueue;
import org.tegami.store.QueueStore;

/**
 * Local delivery followed by RFC 3461 §5.3 "delivered" reports for the local recipients that asked
 * for NOTIFY=SUCCESS. A report that cannot be queued is logged; the delivery stands. When local
 * delivery fails, the message's queue entry (remote recipients) is withdrawn, since the client gets
 * a failure reply and will send the whole message again.
 */
public final class DeliveredNoticeStage implements Stage {

    private static final Logger LOG = LoggerFactory.getLogger("tegami.queue");

    private final Stage local;
    private final OutboundQueue queue;

    public DeliveredNoticeStage(Stage local, OutboundQueue queue) {
        this.local = local;
        this.queue = queue;
    }

    private void cancelQueued(InboundMessage m) {
        long id = QueueStage.queuedId(m);
        if (id > 0 && queue.cancel(id)) {
            m.note("queue-cancelled=" + id);
        }
    }

    @Override
    public String name() {
        return local.name();
    }

    @Override
    public Outcome apply(InboundMessage m) throws Exception {
        Outcome o;
        try {
            o = local.apply(m);
        } catch (Exception e) {
            cancelQueued(m);
            throw e;
        }
        if (o != null) {
            // The client will retry the whole message: do not also send the queued remote copies now.
            cancelQueued(m);
            return o;
        }
        if (m.sender() == null) {
            return null;
        }
        List<QueueStore.NewRecipient> wanted = new ArrayList<>();
        for (Recipient r : m.recipients()) {
            String notify = r.params().get("NOTIFY");
            var set = notify == null ? null : DsnParams.parseNotify(notify);
            if (set != null && set.contains(DsnParams.Notify.SUCCESS) && r.resolution() instanceof Resolution.Local l
                    && !l.accounts().isEmpty()) {
                wanted.add(new QueueStore.NewRecipient(r.address().toString(), r.address().asciiDomain(),
                        r.params().get("ORCPT"), notify));
            }
        }
        if (!wanted.isEmpty()) {
            try {
                String envid = m.mailParams().get("ENVID");
                String ret = m.mailParams().get("RET");
                queue.reportDelivered(QueueStage.bytes(m), m.sender().toString(),
                        envid == null ? null : DsnParams.decodeXtext(envid), ret == null ? null : ret.toUpperCase(Locale.ROOT),
                        m.mailParams().containsKey("SMTPUTF8"), wanted);
            } catch (Exception e) {
                LOG.warn("message {}: could not queue the delivery report: {}", m.id(), e.getMessage());
            }
        }
        return null;
    }
}
