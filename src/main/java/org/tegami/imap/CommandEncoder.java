package org.tegami.imap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tegami.imap.AuthenticatedCommand.ListReturn;
import org.tegami.imap.AuthenticatedCommand.ListSelect;

/**
 * Writes a {@link Command} record in client syntax (RFC 9051 §9): the other direction of
 * {@link CommandParser}, for Tegami's own test client and for round-trip tests. Strings are atoms
 * where the grammar allows, quoted where they can be, literals otherwise; the result is a
 * {@link RawCommand} so the client can wait for "+" before each synchronizing literal.
 */
public final class CommandEncoder {

    private final boolean nonSync;
    private final boolean utf8;
    private final List<byte[]> lines = new ArrayList<>();
    private final List<RawCommand.Literal> literals = new ArrayList<>();
    private ByteArrayOutputStream line = new ByteArrayOutputStream();

    private CommandEncoder(boolean nonSync, boolean utf8) {
        this.nonSync = nonSync;
        this.utf8 = utf8;
    }

    /**
     * @param nonSync announce literals as "{n+}" (LITERAL+ / LITERAL-)
     * @param utf8 UTF-8 may go in quoted strings (IMAP4rev2 or UTF8=ACCEPT); else 8-bit text is a literal
     */
    public static RawCommand encode(Command c, boolean nonSync, boolean utf8) {
        CommandEncoder e = new CommandEncoder(nonSync, utf8);
        e.raw(c.tag()).raw(" ").raw(c.name());
        e.arguments(c);
        e.lines.add(e.line.toByteArray());
        return new RawCommand(e.lines, e.literals);
    }

    /** Wire bytes with synchronizing literals and UTF-8 quoted strings. */
    public static byte[] toWire(Command c) {
        return encode(c, false, true).toWire();
    }

    private void arguments(Command c) {
        switch (c) {
            case AnyStateCommand.Capability x -> { }
            case AnyStateCommand.Noop x -> { }
            case AnyStateCommand.Logout x -> { }
            case AnyStateCommand.Id x -> id(x.fields());
            case NotAuthenticatedCommand.StartTls x -> { }
            case NotAuthenticatedCommand.Authenticate x -> {
                raw(" ").raw(x.mechanism());
                if (x.initialResponse() != null) {
                    raw(" ").raw(x.initialResponse());
                }
            }
            case NotAuthenticatedCommand.Login x -> sp().astring(x.user()).sp().astring(x.password());
            case AuthenticatedCommand ac -> authenticated(ac);
            case SelectedCommand sc -> selected(sc);
        }
    }

    private void authenticated(AuthenticatedCommand c) {
        switch (c) {
            case AuthenticatedCommand.Enable x -> x.capabilities().forEach(cap -> raw(" ").raw(cap));
            case AuthenticatedCommand.Select x -> select(x);
            case AuthenticatedCommand.Create x -> {
                sp().astring(x.mailbox());
                if (!x.specialUse().isEmpty()) {
                    raw(" (USE (").raw(String.join(" ", x.specialUse())).raw("))");
                }
            }
            case AuthenticatedCommand.Delete x -> sp().astring(x.mailbox());
            case AuthenticatedCommand.Rename x -> sp().astring(x.from()).sp().astring(x.to());
            case AuthenticatedCommand.Subscribe x -> sp().astring(x.mailbox());
            case AuthenticatedCommand.Unsubscribe x -> sp().astring(x.mailbox());
            case AuthenticatedCommand.ListMailboxes x -> list(x);
            case AuthenticatedCommand.Lsub x -> sp().astring(x.reference()).sp().listMailbox(x.pattern());
            case AuthenticatedCommand.Namespace x -> { }
            case AuthenticatedCommand.Status x -> sp().astring(x.mailbox()).sp().statusItems(x.items());
            case AuthenticatedCommand.Append x -> append(x);
            case AuthenticatedCommand.Idle x -> { }
            case AuthenticatedCommand.GetQuota x -> sp().astring(x.root());
            case AuthenticatedCommand.GetQuotaRoot x -> sp().astring(x.mailbox());
            case AuthenticatedCommand.SetQuota x -> {
                sp().astring(x.root()).raw(" (");
                for (int i = 0; i < x.limits().size(); i++) {
                    raw(i > 0 ? " " : "").raw(x.limits().get(i).resource()).raw(" ")
                            .raw(Long.toString(x.limits().get(i).limit()));
                }
                raw(")");
            }
        }
    }

    private void selected(SelectedCommand c) {
        switch (c) {
            case SelectedCommand.Check x -> { }
            case SelectedCommand.Close x -> { }
            case SelectedCommand.Unselect x -> { }
            case SelectedCommand.Expunge x -> {
                if (x.uids() != null) {
                    raw(" ").raw(x.uids().toString());
                }
            }
            case SelectedCommand.Search x -> {
                returnOptions(x.esearch(), x.returns());
                if (x.charset() != null) {
                    raw(" CHARSET ").astring(x.charset());
                }
                sp().program(x.key());
            }
            case SelectedCommand.Fetch x -> fetch(x);
            case SelectedCommand.Store x -> store(x);
            case SelectedCommand.Copy x -> raw(" ").raw(x.set().toString()).sp().astring(x.mailbox());
            case SelectedCommand.Move x -> raw(" ").raw(x.set().toString()).sp().astring(x.mailbox());
            case SelectedCommand.Sort x -> {
                returnOptions(x.esearch(), x.returns());
                raw(" (");
                for (int i = 0; i < x.criteria().size(); i++) {
                    SelectedCommand.SortCriterion sc = x.criteria().get(i);
                    raw(i > 0 ? " " : "").raw(sc.reverse() ? "REVERSE " : "").raw(sc.key().name());
                }
                raw(") ").astring(x.charset()).sp().program(x.key());
            }
            case SelectedCommand.Thread x -> raw(" ").raw(x.algorithm()).sp().astring(x.charset()).sp().program(x.key());
        }
    }

    private void id(Map<String, String> fields) {
        if (fields == null) {
            raw(" NIL");
            return;
        }
        raw(" (");
        boolean first = true;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            raw(first ? "" : " ").string(e.getKey()).sp();
            if (e.getValue() == null) {
                raw("NIL");
            } else {
                string(e.getValue());
            }
            first = false;
        }
        raw(")");
    }

    private void select(AuthenticatedCommand.Select x) {
        sp().astring(x.mailbox());
        List<String> params = new ArrayList<>();
        if (x.condstore()) {
            params.add("CONDSTORE");
        }
        if (x.qresync() != null) {
            AuthenticatedCommand.Qresync q = x.qresync();
            StringBuilder sb = new StringBuilder("QRESYNC (").append(q.uidValidity()).append(' ').append(q.modSeq());
            if (q.knownUids() != null) {
                sb.append(' ').append(q.knownUids());
            }
            if (q.knownSequences() != null) {
                sb.append(" (").append(q.knownSequences()).append(' ').append(q.knownSequenceUids()).append(')');
            }
            params.add(sb.append(')').toString());
        }
        if (!params.isEmpty()) {
            raw(" (").raw(String.join(" ", params)).raw(")");
        }
    }

    private void list(AuthenticatedCommand.ListMailboxes x) {
        if (!x.select().isEmpty()) {
            List<String> opts = new ArrayList<>();
            for (ListSelect s : ListSelect.values()) {
                if (x.select().contains(s)) {
                    opts.add(s.name().replace('_', '-'));
                }
            }
            raw(" (").raw(String.join(" ", opts)).raw(")");
        }
        sp().astring(x.reference()).sp();
        if (x.patterns().size() == 1 && !(x.extended() && x.select().isEmpty() && x.returns().isEmpty())) {
            listMailbox(x.patterns().get(0));
        } else {
            raw("(");
            for (int i = 0; i < x.patterns().size(); i++) {
                raw(i > 0 ? " " : "").listMailbox(x.patterns().get(i));
            }
            raw(")");
        }
        if (!x.returns().isEmpty()) {
            List<String> opts = new ArrayList<>();
            for (ListReturn r : ListReturn.values()) {
                if (x.returns().contains(r) && r != ListReturn.STATUS) {
                    opts.add(r.name().replace('_', '-'));
                }
            }
            raw(" RETURN (").raw(String.join(" ", opts));
            if (x.returns().contains(ListReturn.STATUS)) {
                raw(opts.isEmpty() ? "STATUS " : " STATUS ").statusItems(x.statusItems());
            }
            raw(")");
        }
    }

    private CommandEncoder statusItems(List<StatusItem> items) {
        raw("(");
        for (int i = 0; i < items.size(); i++) {
            raw(i > 0 ? " " : "").raw(items.get(i).name());
        }
        return raw(")");
    }

    private void append(AuthenticatedCommand.Append x) {
        sp().astring(x.mailbox());
        for (AuthenticatedCommand.AppendMessage m : x.messages()) {
            sp();
            if (!m.flags().isEmpty()) {
                raw("(").raw(String.join(" ", m.flags())).raw(") ");
            }
            if (m.internalDate() != null) {
                raw(FetchResponseWriter.dateTime(m.internalDate())).raw(" ");
            }
            literal(m.data(), m.binary());
        }
    }

    private void returnOptions(boolean esearch, Set<SelectedCommand.SearchReturn> returns) {
        if (!esearch) {
            return;
        }
        List<String> opts = new ArrayList<>();
        for (SelectedCommand.SearchReturn r : SelectedCommand.SearchReturn.values()) {
            if (returns.contains(r)) {
                opts.add(r.name());
            }
        }
        raw(" RETURN (").raw(String.join(" ", opts)).raw(")");
    }

    private void fetch(SelectedCommand.Fetch x) {
        raw(" ").raw(x.set().toString()).raw(" (");
        for (int i = 0; i < x.items().size(); i++) {
            FetchItem item = x.items().get(i);
            raw(i > 0 ? " " : "");
            switch (item) {
                case FetchItem.Simple s -> raw(s.responseName());
                case FetchItem.BodySection b -> {
                    raw(b.peek() ? "BODY.PEEK[" : "BODY[");
                    sectionSpec(b.section());
                    raw("]").partial(b.partial());
                }
                case FetchItem.Binary b -> raw(b.peek() ? "BINARY.PEEK" : "BINARY")
                        .raw(b.responseName().substring(6, b.responseName().indexOf(']') + 1)).partial(b.partial());
                case FetchItem.BinarySize b -> raw(b.responseName());
            }
        }
        raw(")");
        if (x.changedSince() != null) {
            raw(" (CHANGEDSINCE ").raw(Long.toString(x.changedSince())).raw(x.vanished() ? " VANISHED)" : ")");
        }
    }

    /** A section spec; header field names that are not atoms are sent as strings. */
    private void sectionSpec(Section s) {
        if (s.fields().isEmpty()) {
            raw(s.spec());
            return;
        }
        String spec = s.spec();
        raw(spec.substring(0, spec.indexOf(" ("))).raw(" (");
        for (int i = 0; i < s.fields().size(); i++) {
            raw(i > 0 ? " " : "").astring(s.fields().get(i));
        }
        raw(")");
    }

    private CommandEncoder partial(FetchItem.Partial p) {
        return p == null ? this : raw("<" + p.offset() + "." + p.count() + ">");
    }

    private void store(SelectedCommand.Store x) {
        raw(" ").raw(x.set().toString());
        if (x.unchangedSince() != null) {
            raw(" (UNCHANGEDSINCE ").raw(Long.toString(x.unchangedSince())).raw(")");
        }
        raw(switch (x.mode()) {
            case ADD -> " +FLAGS";
            case REMOVE -> " -FLAGS";
            case REPLACE -> " FLAGS";
        });
        raw(x.silent() ? ".SILENT (" : " (").raw(String.join(" ", x.flags())).raw(")");
    }

    /** search-key *(SP search-key): a top-level And of two or more keys needs no parentheses. */
    private void program(SearchKey key) {
        if (key instanceof SearchKey.And and && and.keys().size() > 1) {
            for (int i = 0; i < and.keys().size(); i++) {
                raw(i > 0 ? " " : "");
                key(and.keys().get(i));
            }
        } else {
            key(key);
        }
    }

    private void key(SearchKey key) {
        switch (key) {
            case SearchKey.Flag f -> raw(f.name());
            case SearchKey.Keyword k -> raw(k.present() ? "KEYWORD " : "UNKEYWORD ").raw(k.keyword());
            case SearchKey.Text t -> raw(t.field().name()).sp().astring(t.value());
            case SearchKey.Header h -> raw("HEADER ").astring(h.field()).sp().astring(h.value());
            case SearchKey.Date d -> raw(d.field().name()).sp().raw(date(d.date()));
            case SearchKey.Size s -> raw(s.larger() ? "LARGER " : "SMALLER ").raw(Long.toString(s.size()));
            case SearchKey.Sequence s -> raw(s.set().toString());
            case SearchKey.Uid u -> raw("UID ").raw(u.set().toString());
            case SearchKey.Not n -> {
                raw("NOT ");
                key(n.key());
            }
            case SearchKey.Or o -> {
                raw("OR ");
                key(o.left());
                sp();
                key(o.right());
            }
            case SearchKey.And a -> {
                raw("(");
                for (int i = 0; i < a.keys().size(); i++) {
                    raw(i > 0 ? " " : "");
                    key(a.keys().get(i));
                }
                raw(")");
            }
            case SearchKey.ModSeq m -> {
                raw("MODSEQ ");
                if (m.entryName() != null) {
                    raw(ImapWriter.quote(m.entryName())).sp().raw(m.entryType()).sp();
                }
                raw(Long.toString(m.modSeq()));
            }
        }
    }

    static String date(LocalDate d) {
        String m = Lexer.MONTHS[d.getMonthValue() - 1];
        // RFC 9051 date-year is 4DIGIT: years below 1000 keep their leading zeros.
        return d.getDayOfMonth() + "-" + m.charAt(0) + m.substring(1).toLowerCase(java.util.Locale.ROOT) + "-"
                + String.format(java.util.Locale.ROOT, "%04d", d.getYear());
    }

    // ---- low level ----

    private CommandEncoder raw(String ascii) {
        line.writeBytes(ascii.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    private CommandEncoder sp() {
        line.write(' ');
        return this;
    }

    private CommandEncoder astring(String s) {
        if (Wire.isAstringAtom(s) && !s.equalsIgnoreCase("NIL")) {
            return raw(s);
        }
        return string(s);
    }

    private CommandEncoder listMailbox(String s) {
        boolean bare = !s.isEmpty();
        for (int i = 0; i < s.length() && bare; i++) {
            bare = Wire.isListChar(s.charAt(i));
        }
        return bare && !s.equalsIgnoreCase("NIL") ? raw(s) : string(s);
    }

    private CommandEncoder string(String s) {
        boolean quotable = s.length() <= ImapWriter.MAX_QUOTED;
        for (int i = 0; i < s.length() && quotable; i++) {
            char c = s.charAt(i);
            quotable = c != '\r' && c != '\n' && c != 0 && (utf8 || c < 0x80);
        }
        if (quotable) {
            return raw(ImapWriter.quote(s));
        }
        return literal(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)), false);
    }

    private CommandEncoder literal(ByteBuffer data, boolean binary) {
        int n = data.remaining();
        raw((binary ? "~{" : "{") + n + (nonSync ? "+}" : "}"));
        lines.add(line.toByteArray());
        line = new ByteArrayOutputStream();
        literals.add(new RawCommand.Literal(data, binary, !nonSync));
        return this;
    }
}
