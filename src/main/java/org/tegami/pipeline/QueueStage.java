package org.tegami.pipeline;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tegami.directory.Resolution;
import org.tegami.dsn.DsnParams;
import org.tegami.queue.OutboundQueue;
import org.tegami.smtp.MailAddress;
import org.tegami.store.QueueStore;

/**
 * The route stage for remote recipients (DESIGN.md: local recipients go straight to the store,
 * only remote ones are queued): submitted mail to other domains and alias forwards become one
 * durable queue entry, committed before the SMTP reply. RFC 3461 parameters travel with it; a
 * forwarded recipient keeps its original address as ORCPT (RFC 3461 §4.2).
 */
public final class QueueStage implements Pipeline.OutboundStage {

    private final OutboundQueue queue;

    public QueueStage(OutboundQueue queue) {
        this.queue = queue;
    }

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public Outcome apply(InboundMessage m) throws Exception {
        Map<String, QueueStore.NewRecipient> targets = new LinkedHashMap<>();
        for (Recipient r : m.recipients()) {
            String notify = r.params().get("NOTIFY");
            String orcpt = r.params().get("ORCPT");
            if (r.resolution() instanceof Resolution.Remote) {
                add(targets, r.address(), orcpt, notify);
            } else if (r.resolution() instanceof Resolution.Local l) {
                String original = orcpt != null ? orcpt : "rfc822;" + DsnParams.encodeXtext(r.address().toString());
                for (MailAddress f : l.forwards()) {
                    add(targets, f, original, notify);
                }
            }
        }
        if (targets.isEmpty()) {
            return null;
        }
        String envidParam = m.mailParams().get("ENVID");
        String envid = envidParam == null ? null : DsnParams.decodeXtext(envidParam);
        String ret = m.mailParams().get("RET");
        SessionInfo s = m.session();
        String origin = s.role().name().toLowerCase(Locale.ROOT) + " c=" + s.connectionId() + " ip="
                + s.clientIp().getHostAddress() + (s.authUser() == null ? "" : " auth=" + s.authUser()) + " id=" + m.id();
        long id = queue.submit(bytes(m), m.sender() == null ? "" : m.sender().toString(), envid,
                ret == null ? null : ret.toUpperCase(Locale.ROOT), m.mailParams().containsKey("SMTPUTF8"), origin,
                new ArrayList<>(targets.values()));
        m.note("queued=" + id + " remote=" + targets.size());
        return null;
    }

    /** The queue id this stage gave the message (from its note), or -1. */
    static long queuedId(InboundMessage m) {
        for (String n : m.notes()) {
            if (n.startsWith("queued=")) {
                return Long.parseLong(n.substring(7, n.indexOf(' ')));
            }
        }
        return -1;
    }

    private static void add(Map<String, QueueStore.NewRecipient> targets, MailAddress a, String orcpt, String notify) {
        targets.putIfAbsent(a.key(), new QueueStore.NewRecipient(a.toString(), a.asciiDomain(), orcpt, notify));
    }

    /** The stages' header fields and the content, as relayed (no Return-Path: that is for final delivery). */
    static byte[] bytes(InboundMessage m) {
        List<ByteBuffer> parts = m.finalBytes();
        int total = 0;
        for (ByteBuffer b : parts) {
            total += b.remaining();
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        for (ByteBuffer b : parts) {
            out.put(b.duplicate());
        }
        return out.array();
    }
}
