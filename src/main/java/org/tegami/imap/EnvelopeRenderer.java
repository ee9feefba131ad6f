package org.tegami.imap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tegami.mime.Address;
import org.tegami.mime.Envelope;

/**
 * Writes an ENVELOPE (RFC 9051 §7.5.2) from the cached {@link Envelope}: date, subject, from,
 * sender, reply-to, to, cc, bcc, in-reply-to, message-id; header values raw (not decoded), empty
 * address lists as NIL, groups as (NIL NIL "name" NIL) ... (NIL NIL NIL NIL) per RFC 9051 §7.5.2.
 */
public final class EnvelopeRenderer {

    private EnvelopeRenderer() {}

    public static void write(ImapWriter w, Envelope e) {
        w.open();
        w.nstring(e.date()).sp();
        w.nstring(e.subject()).sp();
        addresses(w, e.from()).sp();
        addresses(w, e.sender()).sp();
        addresses(w, e.replyTo()).sp();
        addresses(w, e.to()).sp();
        addresses(w, e.cc()).sp();
        addresses(w, e.bcc()).sp();
        w.nstring(e.inReplyTo()).sp();
        w.nstring(e.messageId());
        w.close();
    }

    /**
     * env-from etc.: "(" 1*address ")" / nil. A NIL host marks a group start and NIL mailbox and
     * host a group end (RFC 9051 §7.5.2), so markers are only written where they pair up; any
     * other address lacking a mailbox or host gets "MISSING_MAILBOX" / "MISSING_DOMAIN" as
     * Dovecot writes, instead of a stray marker that would confuse clients.
     */
    static ImapWriter addresses(ImapWriter w, List<Address> list) {
        List<Address> out = sanitise(list);
        if (out.isEmpty()) {
            return w.nil();
        }
        w.open();
        for (Address a : out) {
            // address = "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")"
            w.open().nstring(a.name()).sp().nstring(a.route()).sp().nstring(a.mailbox()).sp().nstring(a.host()).close();
        }
        return w.close();
    }

    static List<Address> sanitise(List<Address> list) {
        List<Address> out = new java.util.ArrayList<>(list.size());
        boolean inGroup = false;
        for (int i = 0; i < list.size(); i++) {
            Address a = list.get(i);
            boolean start = a.mailbox() != null && a.host() == null;
            boolean end = a.mailbox() == null && a.host() == null;
            if (start && !inGroup && closes(list, i + 1)) {
                out.add(new Address(null, null, a.mailbox(), null));
                inGroup = true;
            } else if (end && inGroup && a.name() == null) {
                out.add(new Address(null, null, null, null));
                inGroup = false;
            } else if (end && a.name() == null && a.route() == null) {
                continue; // a stray end marker carries nothing
            } else if (a.mailbox() == null || a.host() == null) {
                out.add(new Address(a.name(), a.route(),
                        a.mailbox() == null ? "MISSING_MAILBOX" : a.mailbox(),
                        a.host() == null ? "MISSING_DOMAIN" : a.host()));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    /** True if an end marker follows before any other group start. */
    private static boolean closes(List<Address> list, int from) {
        for (int i = from; i < list.size(); i++) {
            Address a = list.get(i);
            if (a.host() != null) {
                continue;
            }
            if (a.mailbox() == null && a.name() == null) {
                return true;
            }
            if (a.mailbox() != null) {
                return false; // another group starts first
            }
        }
        return false;
    }

    /** The ENVELOPE as text (tests and logs). */
    public static String render(Envelope e, boolean utf8) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImapWriter w = new ImapWriter(out).utf8(utf8);
        write(w, e);
        w.flushQuietly();
        return out.toString(StandardCharsets.UTF_8);
    }
}
