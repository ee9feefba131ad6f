package org.tegami.imapserver;

import java.util.ArrayList;
import java.util.List;
import org.tegami.imap.Response;
import org.tegami.imap.ResponseCode;
import org.tegami.imap.SequenceSet;
import org.tegami.store.CopyResult;
import org.tegami.store.Mailbox;
import org.tegami.store.MessageData;

/**
 * COPY and MOVE with their UID forms (RFC 9051 §6.4.7, §6.4.8; RFC 6851), answering COPYUID
 * (RFC 4315 §3). Copies keep flags, keywords and internal dates; a move is one transaction (copy
 * and expunge), and its COPYUID comes untagged before the EXPUNGEs (RFC 6851 §4.3).
 */
final class CopyMoveHandler {

    private CopyMoveHandler() {}

    static Response.Status copy(ImapSession s, String tag, boolean uid, SequenceSet set, String mailbox, boolean move) {
        SelectedMailbox sel = s.selected();
        int[] pos = sel.resolve(set, uid, s.savedSearch);
        if (move && sel.readOnly) {
            throw ImapFailure.no(ResponseCode.READ_ONLY, "Mailbox is read-only (EXAMINE)");
        }
        Mailbox target = s.ctx.store().mailbox(s.accountId(), s.storedName(mailbox))
                .orElseThrow(() -> ImapFailure.no(ResponseCode.TRYCREATE, "Target mailbox does not exist"));
        List<Long> live = new ArrayList<>(pos.length);
        boolean someGone = false;
        for (int p : pos) {
            if (sel.gone(p)) {
                someGone = true;
            } else {
                live.add(sel.uid(p));
            }
        }
        String name = move ? "MOVE" : "COPY";
        if (live.isEmpty()) {
            if (someGone) {
                throw ImapFailure.no(ResponseCode.EXPUNGEISSUED, "The messages were expunged");
            }
            return Response.Status.ok(tag, "No messages to " + name.toLowerCase(java.util.Locale.ROOT));
        }
        long[] uids = live.stream().mapToLong(Long::longValue).toArray();
        if (!move) {
            checkQuota(s, sel, uids); // a move within the account does not change its usage
        }
        CopyResult r = s.ctx.store().copy(sel.id, uids, target.id(), move);
        if (r.sourceUids().length == 0) {
            throw ImapFailure.no(ResponseCode.EXPUNGEISSUED, "The messages were expunged");
        }
        ResponseCode code = new ResponseCode.CopyUid(r.uidValidity(), numbers(r.sourceUids()), numbers(r.destUids()));
        if (!move) {
            return Response.Status.ok(tag, code, "COPY completed");
        }
        s.send(new Response.Status(null, Response.Kind.OK, code, "Moved UIDs"));
        sel.markGone(r.sourceUids()); // the EXPUNGEs (or VANISHED) follow with the reply
        return Response.Status.ok(tag, "MOVE completed");
    }

    private static SequenceSet numbers(long[] uids) {
        List<Long> list = new ArrayList<>(uids.length);
        for (long u : uids) {
            list.add(u);
        }
        return SequenceSet.ofNumbers(list);
    }

    private static void checkQuota(ImapSession s, SelectedMailbox sel, long[] uids) {
        long quota = QuotaHandler.account(s).quotaBytes();
        if (quota <= 0) {
            return;
        }
        long adding = 0;
        for (MessageData m : s.ctx.store().load(sel.id, uids, false, false)) {
            adding += m.size();
        }
        if (s.ctx.store().usage(s.accountId()) + adding > quota) {
            throw ImapFailure.no(ResponseCode.OVERQUOTA, "Quota exceeded (" + quota + " bytes)");
        }
    }
}
