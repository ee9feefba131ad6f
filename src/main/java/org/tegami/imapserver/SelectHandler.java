package org.tegami.imapserver;

import java.util.ArrayList;
import java.util.List;
import org.tegami.imap.AuthenticatedCommand;
import org.tegami.imap.Response;
import org.tegami.imap.ResponseCode;
import org.tegami.imap.SequenceSet;
import org.tegami.store.Mailbox;
import org.tegami.store.MailboxChanges;

/**
 * SELECT and EXAMINE (RFC 9051 §6.3.2, §6.3.3) with the CONDSTORE parameter (RFC 7162 §3.1.8) and
 * QRESYNC resynchronisation (§3.2.5): loads the session's view in one range scan and reports it.
 */
final class SelectHandler {

    private SelectHandler() {}

    static Response.Status select(ImapSession s, AuthenticatedCommand.Select c) {
        boolean wasSelected = s.selected != null;
        s.deselect(); // even if this SELECT fails (RFC 9051 §6.3.2)
        if (wasSelected && (s.rev2 || s.qresync)) {
            s.send(new Response.Status(null, Response.Kind.OK, ResponseCode.CLOSED, "Previous mailbox closed"));
        }
        if (c.qresync() != null && !s.qresync) {
            throw ImapFailure.bad("QRESYNC must be enabled first (RFC 7162 §3.2.3)");
        }
        String name = s.storedName(c.mailbox());
        Mailbox mb = s.ctx.store().mailbox(s.accountId(), name)
                .orElseThrow(() -> ImapFailure.no(ResponseCode.NONEXISTENT, "Mailbox does not exist"));
        SelectedMailbox sel = s.select(name, mb, c.readOnly());
        if (!s.rev2) {
            // \Recent (RFC 3501 §2.3.2): SELECT takes it over, EXAMINE only looks.
            long from = c.readOnly()
                    ? s.ctx.recent().firstUnclaimed(sel.id, sel.storedFirstRecent)
                    : s.ctx.recent().claim(sel.id, sel.storedFirstRecent, sel.maxUid() + 1);
            sel.markRecentFromUid(from);
        }
        if (c.condstore() || c.qresync() != null) {
            s.condstore = true; // CONDSTORE-enabling (RFC 7162 §3.1); HIGHESTMODSEQ follows below
        }
        Announcements.flagResponses(s, sel);
        s.send(new Response.Exists(sel.size()));
        if (!s.rev2) {
            s.send(new Response.Recent(sel.recentCount()));
            int unseen = sel.firstUnseen();
            if (unseen >= 0) {
                s.send(ok(new ResponseCode.Unseen(unseen + 1), "First unseen"));
            }
        }
        s.send(ok(new ResponseCode.UidValidity(sel.uidValidity), "UIDs valid"));
        s.send(ok(new ResponseCode.UidNext(sel.uidNext), "Predicted next UID"));
        s.send(ok(new ResponseCode.HighestModSeq(sel.highestModSeq()), "Highest"));
        if (c.qresync() != null && c.qresync().uidValidity() == sel.uidValidity) {
            resync(s, sel, c.qresync());
        }
        return Response.Status.ok(c.tag(), c.readOnly() ? ResponseCode.READ_ONLY : ResponseCode.READ_WRITE,
                (c.readOnly() ? "EXAMINE" : "SELECT") + " completed");
    }

    private static Response.Status ok(ResponseCode code, String text) {
        return new Response.Status(null, Response.Kind.OK, code, text);
    }

    /**
     * RFC 7162 §3.2.5.2: what the client missed since its mod-sequence — VANISHED (EARLIER) for
     * expunged UIDs, FETCH for changed messages — limited to the UIDs it says it knows.
     */
    private static void resync(ImapSession s, SelectedMailbox sel, AuthenticatedCommand.Qresync q) {
        MailboxChanges ch = s.ctx.store().changesSince(sel.id, q.modSeq());
        long maxKnown = Math.max(sel.maxUid(), sel.uidNext);
        List<Long> vanished = new ArrayList<>();
        for (long uid : ch.expunged()) {
            if (q.knownUids() == null || q.knownUids().contains(uid, maxKnown)) {
                vanished.add(uid);
            }
        }
        if (!vanished.isEmpty()) {
            s.send(new Response.Vanished(true, SequenceSet.ofNumbers(vanished)));
        }
        for (int i = 0; i < sel.size(); i++) {
            long uid = sel.uid(i);
            if (sel.modSeq(i) > q.modSeq() && (q.knownUids() == null || q.knownUids().contains(uid, maxKnown))) {
                s.send(new Response.FetchFlags(i + 1, uid, sel.flagNames(i, !s.rev2), sel.modSeq(i)));
            }
        }
    }
}
