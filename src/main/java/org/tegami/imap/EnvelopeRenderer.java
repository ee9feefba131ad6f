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

    /** env-from etc.: "(" 1*address ")" / nil. */
    static ImapWriter addresses(ImapWriter w, List<Address> list) {
        if (list.isEmpty()) {
            return w.nil();
        }
        w.open();
        for (Address a : list) {
            // address = "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")"
            w.open().nstring(a.name()).sp().nstring(a.route()).sp().nstring(a.mailbox()).sp().nstring(a.host()).close();
        }
        return w.close();
    }

    /** The ENVELOPE as text (tests and logs). */
    public static String render(Envelope e, boolean utf8) {
        ImapWriter w = new ImapWriter(new ByteArrayOutputStream()).utf8(utf8);
        write(w, e);
        return new String(w.buffered(), StandardCharsets.UTF_8);
    }
}
