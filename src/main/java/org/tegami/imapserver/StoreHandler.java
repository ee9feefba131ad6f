package org.tegami.imapserver;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.tegami.imap.FetchResponseWriter;
import org.tegami.imap.Response;
import org.tegami.imap.ResponseCode;
import org.tegami.imap.SelectedCommand;
import org.tegami.imap.SequenceSet;
import org.tegami.store.FlagResult;
import org.tegami.store.FlagUpdate;
import org.tegami.store.MessageFlags;

/**
 * STORE and UID STORE (RFC 9051 §6.4.6) with UNCHANGEDSINCE (RFC 7162 §3.1.3). The change is made
 * by the store against the stored flags in one durable commit (however many messages), so
 * concurrent sessions never lose each other's changes; the reply's FETCH responses show the
 * result. Messages that failed UNCHANGEDSINCE are listed in MODIFIED.
 */
final class StoreHandler {

    private StoreHandler() {}

    static Response.Status store(ImapSession s, SelectedCommand.Store c) {
        SelectedMailbox sel = s.selected();
        FlagArgs flags = FlagArgs.parse(c.flags());
        if (c.unchangedSince() != null) {
            EnableHandler.condstoreNow(s);
        }
        int[] pos = sel.resolve(c.set(), c.uid(), s.savedSearch);
        if (sel.readOnly) {
            throw ImapFailure.no(ResponseCode.READ_ONLY, "Mailbox is read-only (EXAMINE)");
        }
        List<Long> live = new ArrayList<>(pos.length);
        for (int p : pos) {
            if (!sel.gone(p)) {
                live.add(sel.uid(p));
            }
        }
        long[] uids = live.stream().mapToLong(Long::longValue).toArray();
        FlagUpdate.Mode mode = switch (c.mode()) {
            case ADD -> FlagUpdate.Mode.ADD;
            case REMOVE -> FlagUpdate.Mode.REMOVE;
            case REPLACE -> FlagUpdate.Mode.REPLACE;
        };
        FlagResult r = s.ctx.store().updateFlags(sel.id, uids,
                new FlagUpdate(mode, flags.bits(), flags.keywords(), c.unchangedSince()));
        sel.applyOwn(r.changed());
        sel.applyOwn(r.unchanged());
        report(s, sel, c, r);
        if (r.failed().length > 0) {
            List<Long> failed = new ArrayList<>();
            for (long uid : r.failed()) {
                failed.add(c.uid() ? uid : sel.indexOfUid(uid) + 1L);
            }
            return Response.Status.ok(c.tag(), new ResponseCode.Modified(SequenceSet.ofNumbers(failed)),
                    "Conditional STORE failed for some messages");
        }
        return Response.Status.ok(c.tag(), c.name() + " completed");
    }

    /**
     * One FETCH per message in sequence order: FLAGS (with UID for UID STORE, MODSEQ under
     * CONDSTORE); with .SILENT only MODSEQ for changed messages under CONDSTORE (RFC 7162 §3.1.3).
     */
    private static void report(ImapSession s, SelectedMailbox sel, SelectedCommand.Store c, FlagResult r) {
        if (c.silent() && !s.condstore) {
            return;
        }
        TreeMap<Integer, MessageFlags> bySeq = new TreeMap<>();
        for (MessageFlags m : r.changed()) {
            bySeq.put(sel.indexOfUid(m.uid()), m);
        }
        if (!c.silent()) {
            for (MessageFlags m : r.unchanged()) {
                bySeq.put(sel.indexOfUid(m.uid()), m);
            }
        }
        FetchResponseWriter f = new FetchResponseWriter(s.out);
        for (var e : bySeq.entrySet()) {
            int i = e.getKey();
            if (i < 0) {
                continue;
            }
            f.begin(i + 1L);
            if (c.uid() || s.qresync) {
                f.uid(sel.uid(i));
            }
            if (!c.silent()) {
                f.flags(sel.flagNames(i, !s.rev2));
            }
            if (s.condstore) {
                f.modSeq(sel.modSeq(i));
            }
            f.end();
        }
    }
}
