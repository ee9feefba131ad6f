package org.tegami.imapserver;

import java.util.ArrayList;
import java.util.List;
import org.tegami.imap.Flags;
import org.tegami.imap.Response;
import org.tegami.imap.ResponseCode;
import org.tegami.imap.SequenceSet;

/**
 * Writes a view's pending changes as untagged responses (RFC 9051 §7.4, §7.5): EXPUNGE — or
 * VANISHED once QRESYNC is enabled (RFC 7162 §3.2.10) — FLAGS and PERMANENTFLAGS for new keywords,
 * EXISTS (and RECENT for IMAP4rev1), and FETCH FLAGS with UID (and MODSEQ under CONDSTORE).
 */
final class Announcements implements SelectedMailbox.Announcer {

    private final ImapSession s;
    private final SelectedMailbox sel;

    Announcements(ImapSession s, SelectedMailbox sel) {
        this.s = s;
        this.sel = sel;
    }

    @Override
    public void expunged(long[] seqs, long[] uids) {
        if (s.qresync) {
            List<Long> list = new ArrayList<>(uids.length);
            for (long u : uids) {
                list.add(u);
            }
            s.send(new Response.Vanished(false, SequenceSet.ofNumbers(list)));
            return;
        }
        for (long seq : seqs) {
            s.send(new Response.Expunge(seq));
        }
    }

    @Override
    public void keywords(List<String> keywords) {
        flagResponses(s, sel);
    }

    @Override
    public void exists(int exists, int recent) {
        s.send(new Response.Exists(exists));
        if (!s.rev2) {
            s.send(new Response.Recent(recent));
        }
    }

    @Override
    public void flagsChanged(int i) {
        s.send(new Response.FetchFlags(i + 1, sel.uid(i), sel.flagNames(i, !s.rev2),
                s.condstore ? sel.modSeq(i) : null));
    }

    /** "* FLAGS (...)" and "* OK [PERMANENTFLAGS (...)]" (RFC 9051 §7.3.5, §7.1). */
    static void flagResponses(ImapSession s, SelectedMailbox sel) {
        List<String> flags = new ArrayList<>(Flags.SYSTEM);
        flags.addAll(sel.knownKeywords());
        s.send(new Response.Flags(flags));
        List<String> permanent = new ArrayList<>();
        if (!sel.readOnly) {
            permanent.addAll(flags);
            permanent.add("\\*");
        }
        s.send(new Response.Status(null, Response.Kind.OK, new ResponseCode.PermanentFlags(permanent),
                sel.readOnly ? "No permanent flags permitted" : "Flags permitted"));
    }
}
