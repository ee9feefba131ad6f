package org.tegami.imap;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link Response} records in the syntax of RFC 9051 §7 (and the extension responses named
 * on each record) to an {@link ImapWriter}. Nothing is sent until the writer is flushed, so a
 * command's untagged data and its tagged completion leave in one write.
 */
public final class ResponseEncoder {

    private ResponseEncoder() {}

    /** The bytes of one response (tests, logs); UTF-8 in quoted strings when {@code utf8}. */
    public static byte[] encode(Response r, boolean utf8) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImapWriter w = new ImapWriter(out).utf8(utf8);
        write(w, r);
        w.flushQuietly();
        return out.toByteArray();
    }

    /** Writes one response, including its CRLF. */
    public static void write(ImapWriter w, Response r) {
        switch (r) {
            case Response.Status s -> status(w, s);
            case Response.Continuation c -> w.raw("+ ").text(c.text());
            case Response.Challenge c -> w.raw("+ ").raw(Base64.getEncoder().encodeToString(c.data()));
            case Response.Capability c -> atoms(w.raw("* CAPABILITY"), c.capabilities());
            case Response.Enabled e -> atoms(w.raw("* ENABLED"), e.capabilities());
            case Response.Exists e -> w.raw("* ").number(e.count()).raw(" EXISTS");
            case Response.Recent e -> w.raw("* ").number(e.count()).raw(" RECENT");
            case Response.Expunge e -> w.raw("* ").number(e.seq()).raw(" EXPUNGE");
            case Response.Flags f -> flagList(w.raw("* FLAGS "), f.flags());
            case Response.ListItem l -> listItem(w, l);
            case Response.MailboxStatus s -> mailboxStatus(w, s);
            case Response.Search s -> numbers(w.raw("* SEARCH"), s.numbers(), s.modSeq());
            case Response.ESearch e -> esearch(w, e);
            case Response.Namespace n -> namespace(w, n);
            case Response.Id id -> id(w, id);
            case Response.Quota q -> quota(w, q);
            case Response.QuotaRoot q -> quotaRoot(w, q);
            case Response.Sort s -> numbers(w.raw("* SORT"), s.numbers(), s.modSeq());
            case Response.Thread t -> thread(w, t);
            case Response.Vanished v -> w.raw(v.earlier() ? "* VANISHED (EARLIER) " : "* VANISHED ")
                    .raw(v.uids().toString());
            case Response.FetchFlags f -> fetchFlags(w, f);
        }
        w.crlf();
    }

    private static void status(ImapWriter w, Response.Status s) {
        w.raw(s.tag() == null ? "*" : s.tag()).sp().raw(s.kind().name()).sp();
        if (s.code() != null) {
            w.raw("[");
            code(w, s.code());
            w.raw("] ");
        }
        w.text(s.text());
    }

    /** resp-text-code (RFC 9051 §7.1), without the brackets. */
    public static void code(ImapWriter w, ResponseCode c) {
        switch (c) {
            case ResponseCode.Atom a -> w.raw(a.name());
            case ResponseCode.Capability cap -> atoms(w.raw("CAPABILITY"), cap.capabilities());
            case ResponseCode.PermanentFlags p -> flagList(w.raw("PERMANENTFLAGS "), p.flags());
            case ResponseCode.UidNext u -> w.raw("UIDNEXT ").number(u.uid());
            case ResponseCode.UidValidity u -> w.raw("UIDVALIDITY ").number(u.value());
            case ResponseCode.Unseen u -> w.raw("UNSEEN ").number(u.seq());
            case ResponseCode.HighestModSeq h -> w.raw("HIGHESTMODSEQ ").number(h.modSeq());
            case ResponseCode.Modified m -> w.raw("MODIFIED ").raw(m.set().toString());
            case ResponseCode.AppendUid a -> w.raw("APPENDUID ").number(a.uidValidity()).sp().raw(a.uids().toString());
            case ResponseCode.CopyUid cu -> w.raw("COPYUID ").number(cu.uidValidity()).sp()
                    .raw(cu.source().toString()).sp().raw(cu.destination().toString());
            case ResponseCode.BadCharset b -> {
                w.raw("BADCHARSET");
                if (!b.charsets().isEmpty()) {
                    w.raw(" (");
                    for (int i = 0; i < b.charsets().size(); i++) {
                        if (i > 0) {
                            w.sp();
                        }
                        w.astring(b.charsets().get(i));
                    }
                    w.close();
                }
            }
            case ResponseCode.Other o -> {
                w.raw(o.name());
                if (o.text() != null && !o.text().isEmpty()) {
                    w.sp().raw(o.text().replaceAll("[\\]\\r\\n\\x00-\\x1f\\x7f-\\x{10FFFF}]", "?"));
                }
            }
        }
    }

    private static ImapWriter atoms(ImapWriter w, List<String> atoms) {
        for (String a : atoms) {
            w.sp().atom(a);
        }
        return w;
    }

    /**
     * flag-list: "(" [flag *(SP flag)] ")"; system flags are "\" atom, keywords atoms ("\*" in
     * PERMANENTFLAGS). Anything else cannot be a flag and is left out rather than sent as broken
     * syntax.
     */
    static ImapWriter flagList(ImapWriter w, List<String> flags) {
        w.open();
        boolean first = true;
        for (String f : flags) {
            boolean system = f.startsWith("\\") && (f.equals("\\*") || Wire.isAtom(f.substring(1)));
            if (!system && !Wire.isAtom(f)) {
                continue;
            }
            if (!first) {
                w.sp();
            }
            first = false;
            w.raw(f);
        }
        return w.close();
    }

    private static void listItem(ImapWriter w, Response.ListItem l) {
        w.raw(l.lsub() ? "* LSUB " : "* LIST ");
        flagList(w, l.attributes()).sp();
        delimiter(w, l.delimiter()).sp();
        w.string(l.mailbox());
        if (!l.childInfo().isEmpty() || l.oldName() != null) {
            // mbox-list-extended (RFC 9051 §7.3.1, RFC 5258 §4): tag/value pairs.
            w.raw(" (");
            boolean first = true;
            if (!l.childInfo().isEmpty()) {
                w.raw("\"CHILDINFO\" (");
                for (int i = 0; i < l.childInfo().size(); i++) {
                    if (i > 0) {
                        w.sp();
                    }
                    w.string(l.childInfo().get(i));
                }
                w.close();
                first = false;
            }
            if (l.oldName() != null) {
                if (!first) {
                    w.sp();
                }
                w.raw("\"OLDNAME\" (").string(l.oldName()).close();
            }
            w.close();
        }
    }

    private static ImapWriter delimiter(ImapWriter w, Character d) {
        return d == null ? w.nil() : w.raw(ImapWriter.quote(String.valueOf(d)));
    }

    private static void mailboxStatus(ImapWriter w, Response.MailboxStatus s) {
        w.raw("* STATUS ").astring(s.mailbox()).raw(" (");
        boolean first = true;
        for (Map.Entry<StatusItem, Long> e : s.values().entrySet()) {
            if (!first) {
                w.sp();
            }
            first = false;
            w.raw(e.getKey().name()).sp().number(e.getValue());
        }
        w.close();
    }

    private static ImapWriter numbers(ImapWriter w, List<Long> numbers, Long modSeq) {
        for (long n : numbers) {
            w.sp().number(n);
        }
        if (modSeq != null) {
            w.raw(" (MODSEQ ").number(modSeq).close();
        }
        return w;
    }

    /** "ESEARCH" [SP "(" "TAG" SP tag-string ")"] [SP "UID"] *(SP search-return-data) (RFC 9051 §7.3.4). */
    private static void esearch(ImapWriter w, Response.ESearch e) {
        w.raw("* ESEARCH");
        if (e.tag() != null) {
            w.raw(" (TAG ").raw(ImapWriter.quote(e.tag())).close();
        }
        if (e.uid()) {
            w.raw(" UID");
        }
        if (e.min() != null) {
            w.raw(" MIN ").number(e.min());
        }
        if (e.max() != null) {
            w.raw(" MAX ").number(e.max());
        }
        if (e.all() != null) {
            w.raw(" ALL ").raw(e.all().toString());
        }
        if (e.count() != null) {
            w.raw(" COUNT ").number(e.count());
        }
        if (e.modSeq() != null) {
            w.raw(" MODSEQ ").number(e.modSeq());
        }
    }

    private static void namespace(ImapWriter w, Response.Namespace n) {
        w.raw("* NAMESPACE ");
        namespaces(w, n.personal()).sp();
        namespaces(w, n.other()).sp();
        namespaces(w, n.shared());
    }

    private static ImapWriter namespaces(ImapWriter w, List<Response.NamespaceDescriptor> list) {
        if (list.isEmpty()) {
            return w.nil();
        }
        w.open();
        for (Response.NamespaceDescriptor d : list) {
            w.open().string(d.prefix()).sp();
            delimiter(w, d.delimiter()).close();
        }
        return w.close();
    }

    private static void id(ImapWriter w, Response.Id id) {
        w.raw("* ID ");
        if (id.fields() == null) {
            w.nil();
            return;
        }
        w.open();
        boolean first = true;
        for (Map.Entry<String, String> e : id.fields().entrySet()) {
            if (!first) {
                w.sp();
            }
            first = false;
            w.string(e.getKey()).sp().nstring(e.getValue());
        }
        w.close();
    }

    private static void quota(ImapWriter w, Response.Quota q) {
        w.raw("* QUOTA ").astring(q.root()).raw(" (");
        for (int i = 0; i < q.resources().size(); i++) {
            Response.QuotaResource r = q.resources().get(i);
            if (i > 0) {
                w.sp();
            }
            w.atom(r.name()).sp().number(r.usage()).sp().number(r.limit());
        }
        w.close();
    }

    private static void quotaRoot(ImapWriter w, Response.QuotaRoot q) {
        w.raw("* QUOTAROOT ").astring(q.mailbox());
        for (String root : q.roots()) {
            w.sp().astring(root);
        }
    }

    private static final Object OPEN = new Object();
    private static final Object CLOSE = new Object();

    /**
     * thread-list = "(" (thread-members / thread-nested) / (thread-members thread-nested) ")"
     * (RFC 5256 §4). Iterative, so a thread as long as the mailbox cannot exhaust the stack.
     */
    private static void thread(ImapWriter w, Response.Thread t) {
        w.raw("* THREAD");
        if (!t.threads().isEmpty()) {
            w.sp();
        }
        Deque<Object> work = new ArrayDeque<>();
        for (int i = t.threads().size() - 1; i >= 0; i--) {
            work.push(CLOSE);
            work.push(t.threads().get(i));
            work.push(OPEN);
        }
        while (!work.isEmpty()) {
            Object o = work.pop();
            if (o == OPEN) {
                w.open();
            } else if (o == CLOSE) {
                w.close();
            } else {
                Response.ThreadNode node = (Response.ThreadNode) o;
                boolean wrote = false;
                while (true) {
                    if (node.number() != 0) {
                        if (wrote) {
                            w.sp();
                        }
                        w.number(node.number());
                        wrote = true;
                    }
                    if (node.children().size() != 1) {
                        break;
                    }
                    node = node.children().get(0);
                }
                if (!node.children().isEmpty() && wrote) {
                    w.sp();
                }
                for (int i = node.children().size() - 1; i >= 0; i--) {
                    work.push(CLOSE);
                    work.push(node.children().get(i));
                    work.push(OPEN);
                }
            }
        }
    }

    private static void fetchFlags(ImapWriter w, Response.FetchFlags f) {
        w.raw("* ").number(f.seq()).raw(" FETCH (");
        if (f.uid() != null) {
            w.raw("UID ").number(f.uid()).sp();
        }
        flagList(w.raw("FLAGS "), f.flags());
        if (f.modSeq() != null) {
            w.raw(" MODSEQ (").number(f.modSeq()).close();
        }
        w.close();
    }
}
