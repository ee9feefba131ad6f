package org.tegami.imapserver;

import org.tegami.imap.Response;
import org.tegami.imap.ResponseCode;
import org.tegami.imap.SelectedCommand;

/**
 * EXPUNGE (RFC 9051 §6.4.3), UID EXPUNGE (RFC 4315 §2.1), CLOSE (§6.4.1: expunge silently, then
 * leave) and UNSELECT (RFC 3691, §6.4.2: leave without expunging). Which messages are \Deleted is
 * decided by the store inside the expunging transaction, so a flag cleared by another session a
 * moment earlier is respected. OK means the removal is committed.
 */
final class ExpungeHandler {

    private ExpungeHandler() {}

    static Response.Status expunge(ImapSession s, SelectedCommand.Expunge c) {
        SelectedMailbox sel = s.selected();
        if (sel.readOnly) {
            throw ImapFailure.no(ResponseCode.READ_ONLY, "Mailbox is read-only");
        }
        long[] only = c.uids() == null ? null : sel.uidsAt(sel.resolve(c.uids(), true, s.savedSearch));
        if (only != null && only.length == 0) {
            return Response.Status.ok(c.tag(), "UID EXPUNGE completed");
        }
        long[] removed = s.ctx.store().expungeDeleted(sel.id, only);
        sel.markGone(removed); // announced (EXPUNGE or VANISHED) with the reply
        return Response.Status.ok(c.tag(), c.name() + " completed");
    }

    static Response.Status close(ImapSession s, SelectedCommand.Close c) {
        SelectedMailbox sel = s.selected();
        if (!sel.readOnly) {
            s.ctx.store().expungeDeleted(sel.id, null); // no untagged EXPUNGE (RFC 9051 §6.4.1)
        }
        s.deselect();
        return Response.Status.ok(c.tag(), "CLOSE completed");
    }

    static Response.Status unselect(ImapSession s, SelectedCommand.Unselect c) {
        s.deselect();
        return Response.Status.ok(c.tag(), "UNSELECT completed");
    }
}
