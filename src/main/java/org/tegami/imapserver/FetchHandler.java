package org.tegami.imapserver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.tegami.imap.FetchItem;
import org.tegami.imap.FetchResponseWriter;
import org.tegami.imap.Response;
import org.tegami.imap.ResponseCode;
import org.tegami.imap.SelectedCommand;
import org.tegami.imap.SequenceSet;
import org.tegami.mime.StructureCodec;
import org.tegami.store.FlagResult;
import org.tegami.store.FlagUpdate;
import org.tegami.store.MessageData;
import org.tegami.store.SystemFlags;

/**
 * FETCH and UID FETCH (RFC 9051 §6.4.5) with CHANGEDSINCE and VANISHED (RFC 7162 §3.1.4, §3.2.6)
 * and BINARY (RFC 3516). Flags, UIDs and mod-sequences come from the session's view; dates,
 * sizes, cached structures and message bytes are read in batches with one range scan each, never
 * per message; ENVELOPE and BODYSTRUCTURE come from the structure cached at delivery, sections are
 * cut from the stored bytes with the cached offsets.
 */
final class FetchHandler {

    /** Messages per store read: small when bodies are read, to bound memory. */
    private static final int BATCH = 1000;
    private static final int BODY_BATCH = 100;

    private FetchHandler() {}

    /** What the items need beyond the view. */
    private record Needs(boolean row, boolean structure, boolean content, boolean setsSeen, boolean flags,
            boolean modSeq) {

        static Needs of(List<FetchItem> items) {
            boolean row = false;
            boolean structure = false;
            boolean content = false;
            boolean seen = false;
            boolean flags = false;
            boolean modSeq = false;
            for (FetchItem it : items) {
                switch (it) {
                    case FetchItem.Simple s -> {
                        switch (s) {
                            case INTERNALDATE, RFC822_SIZE -> row = true;
                            case ENVELOPE, BODY, BODYSTRUCTURE -> structure = true;
                            case RFC822, RFC822_TEXT -> {
                                content = true;
                                seen = true;
                            }
                            case RFC822_HEADER -> content = true;
                            case FLAGS -> flags = true;
                            case MODSEQ -> modSeq = true;
                            case UID -> { }
                        }
                    }
                    case FetchItem.BodySection b -> {
                        content = true;
                        seen |= !b.peek();
                    }
                    case FetchItem.Binary b -> {
                        content = true;
                        seen |= !b.peek();
                    }
                    case FetchItem.BinarySize b -> content = true;
                }
            }
            if (content) {
                structure = true;
            }
            return new Needs(row || structure || content, structure, content, seen, flags, modSeq);
        }
    }

    static Response.Status fetch(ImapSession s, SelectedCommand.Fetch c) throws IOException {
        SelectedMailbox sel = s.selected();
        Needs needs = Needs.of(c.items());
        if (c.vanished() && !s.qresync) {
            throw ImapFailure.bad("VANISHED needs QRESYNC enabled (RFC 7162 §3.2.6)");
        }
        if (needs.modSeq || c.changedSince() != null) {
            EnableHandler.condstoreNow(s);
        }
        int[] pos = sel.resolve(c.set(), c.uid(), s.savedSearch);
        if (c.changedSince() != null) {
            pos = changedSince(sel, pos, c.changedSince());
            if (c.vanished()) {
                vanished(s, sel, c);
            }
        }
        boolean[] seenNow = new boolean[pos.length];
        if (needs.setsSeen && !sel.readOnly) {
            setSeen(s, sel, pos, seenNow);
        }
        Outcome outcome = new Outcome();
        FetchResponseWriter w = new FetchResponseWriter(s.out);
        int batch = needs.content ? BODY_BATCH : BATCH;
        for (int from = 0; from < pos.length; from += batch) {
            int to = Math.min(pos.length, from + batch);
            List<MessageData> rows = needs.row ? load(s, sel, pos, from, to, needs) : List.of();
            int k = 0;
            for (int j = from; j < to; j++) {
                int p = pos[j];
                MessageData d = null;
                if (needs.row) {
                    while (k < rows.size() && rows.get(k).uid() < sel.uid(p)) {
                        k++;
                    }
                    if (k < rows.size() && rows.get(k).uid() == sel.uid(p)) {
                        d = rows.get(k);
                    } else {
                        outcome.expunged = true; // expunged by another session meanwhile
                        continue;
                    }
                }
                one(s, sel, c, needs, w, p, d, seenNow[j], outcome);
            }
        }
        if (outcome.unknownCte) {
            return Response.Status.no(c.tag(), ResponseCode.UNKNOWN_CTE, "Unknown Content-Transfer-Encoding");
        }
        if (outcome.expunged) {
            return Response.Status.no(c.tag(), ResponseCode.EXPUNGEISSUED, "Some messages were expunged");
        }
        return Response.Status.ok(c.tag(), c.name() + " completed");
    }

    private static final class Outcome {
        boolean expunged;
        boolean unknownCte;
    }

    private static int[] changedSince(SelectedMailbox sel, int[] pos, long since) {
        int[] out = new int[pos.length];
        int n = 0;
        for (int p : pos) {
            if (sel.modSeq(p) > since) {
                out[n++] = p;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** RFC 7162 §3.2.6: UIDs in the set expunged after the mod-sequence, as VANISHED (EARLIER). */
    private static void vanished(ImapSession s, SelectedMailbox sel, SelectedCommand.Fetch c) {
        long largest = Math.max(sel.maxUid(), sel.uidNext - 1);
        List<Long> gone = new ArrayList<>();
        for (long uid : s.ctx.store().changesSince(sel.id, c.changedSince()).expunged()) {
            if (c.set().saved() ? contains(s.savedSearch, uid) : c.set().contains(uid, largest)) {
                gone.add(uid);
            }
        }
        if (!gone.isEmpty()) {
            s.send(new Response.Vanished(true, SequenceSet.ofNumbers(gone)));
        }
    }

    private static boolean contains(long[] sorted, long uid) {
        return java.util.Arrays.binarySearch(sorted, uid) >= 0;
    }

    /** BODY[...] without PEEK sets \Seen (RFC 9051 §6.4.5), first, so the responses show it. */
    private static void setSeen(ImapSession s, SelectedMailbox sel, int[] pos, boolean[] seenNow) {
        List<Long> unseen = new ArrayList<>();
        for (int p : pos) {
            if (!sel.gone(p) && (sel.flags(p) & SystemFlags.SEEN) == 0) {
                unseen.add(sel.uid(p));
            }
        }
        if (unseen.isEmpty()) {
            return;
        }
        FlagResult r = s.ctx.store().updateFlags(sel.id, unseen.stream().mapToLong(Long::longValue).toArray(),
                new FlagUpdate(FlagUpdate.Mode.ADD, SystemFlags.SEEN, List.of(), null));
        sel.applyOwn(r.changed());
        java.util.Set<Long> changed = new java.util.HashSet<>();
        for (var m : r.changed()) {
            changed.add(m.uid());
        }
        for (int j = 0; j < pos.length; j++) {
            seenNow[j] = changed.contains(sel.uid(pos[j]));
        }
    }

    private static List<MessageData> load(ImapSession s, SelectedMailbox sel, int[] pos, int from, int to, Needs n) {
        long[] uids = new long[to - from];
        for (int j = from; j < to; j++) {
            uids[j - from] = sel.uid(pos[j]); // gone ones too: their data may still be there
        }
        return s.ctx.store().load(sel.id, uids, n.structure, n.content);
    }

    private static void one(ImapSession s, SelectedMailbox sel, SelectedCommand.Fetch c, Needs n,
            FetchResponseWriter w, int p, MessageData d, boolean seenNow, Outcome outcome) throws IOException {
        StructureCodec.Decoded structure = n.structure ? StructureCodec.decode(d.structure()) : null;
        ByteBuffer message = n.content ? bytes(s, d) : null;
        boolean withModSeq = s.condstore && (n.flags || n.modSeq || c.changedSince() != null || seenNow);
        w.begin(p + 1L);
        boolean uidDone = false;
        if (c.uid()) {
            w.uid(sel.uid(p)); // RFC 9051 §6.4.9: UID FETCH always includes UID
            uidDone = true;
        }
        boolean flagsDone = false;
        boolean modSeqDone = false;
        for (FetchItem item : c.items()) {
            switch (item) {
                case FetchItem.Simple si -> {
                    switch (si) {
                        case UID -> {
                            if (!uidDone) {
                                w.uid(sel.uid(p));
                                uidDone = true;
                            }
                        }
                        case FLAGS -> {
                            if (!flagsDone) {
                                w.flags(sel.flagNames(p, !s.rev2));
                                flagsDone = true;
                            }
                        }
                        case MODSEQ -> {
                            if (!modSeqDone) {
                                w.modSeq(sel.modSeq(p));
                                modSeqDone = true;
                            }
                        }
                        case INTERNALDATE -> w.internalDate(OffsetDateTime.ofInstant(Instant.ofEpochMilli(d.internalDate()),
                                ZoneOffset.ofTotalSeconds(d.internalTz() * 60)));
                        case RFC822_SIZE -> w.rfc822Size(d.size());
                        case ENVELOPE -> w.envelope(structure.envelope());
                        case BODY -> w.bodyStructure(structure.root(), false);
                        case BODYSTRUCTURE -> w.bodyStructure(structure.root(), true);
                        case RFC822, RFC822_HEADER, RFC822_TEXT -> w.rfc822(si, message, structure.root());
                    }
                }
                case FetchItem.BodySection b -> w.body(b, message, structure.root());
                case FetchItem.Binary b -> {
                    if (w.binary(b, message, structure.root()) != null) {
                        outcome.unknownCte = true;
                    }
                }
                case FetchItem.BinarySize b -> {
                    if (w.binarySize(b, message, structure.root()) != null) {
                        outcome.unknownCte = true;
                    }
                }
            }
        }
        if (seenNow && !flagsDone) {
            w.flags(sel.flagNames(p, !s.rev2)); // RFC 9051 §6.4.5: the \Seen change is reported
        }
        if (withModSeq && !modSeqDone) {
            w.modSeq(sel.modSeq(p));
        }
        w.end();
    }

    private static ByteBuffer bytes(ImapSession s, MessageData d) throws IOException {
        if (d.inline() != null) {
            return ByteBuffer.wrap(d.inline()).asReadOnlyBuffer();
        }
        return s.ctx.blobs().buffer(d.blob());
    }
}
