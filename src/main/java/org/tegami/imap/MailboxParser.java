package org.tegami.imap;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tegami.imap.AuthenticatedCommand.ListReturn;
import org.tegami.imap.AuthenticatedCommand.ListSelect;

/**
 * Arguments of the mailbox commands of RFC 9051 §6.3 (SELECT ... APPEND), LSUB and the QUOTA
 * commands of RFC 9208 §4.
 */
final class MailboxParser {

    /** Longest mailbox name accepted, in octets (names are paths; 1 KiB is generous). */
    static final int MAX_MAILBOX_OCTETS = 1024;

    private final Lexer lx;

    MailboxParser(Lexer lx) {
        this.lx = lx;
    }

    Command parse(String tag, String name) throws ImapSyntaxException {
        lx.sp();
        Command c = switch (name) {
            case "SELECT", "EXAMINE" -> select(tag, name.equals("EXAMINE"));
            case "CREATE" -> create(tag);
            case "DELETE" -> new AuthenticatedCommand.Delete(tag, mailbox());
            case "RENAME" -> {
                String from = mailbox();
                lx.sp();
                yield new AuthenticatedCommand.Rename(tag, from, mailbox());
            }
            case "SUBSCRIBE" -> new AuthenticatedCommand.Subscribe(tag, mailbox());
            case "UNSUBSCRIBE" -> new AuthenticatedCommand.Unsubscribe(tag, mailbox());
            case "LIST" -> list(tag);
            case "LSUB" -> {
                String ref = mailbox();
                lx.sp();
                yield new AuthenticatedCommand.Lsub(tag, ref, listMailbox());
            }
            case "STATUS" -> status(tag);
            case "APPEND" -> append(tag);
            case "GETQUOTA" -> new AuthenticatedCommand.GetQuota(tag, lx.astring());
            case "GETQUOTAROOT" -> new AuthenticatedCommand.GetQuotaRoot(tag, mailbox());
            case "SETQUOTA" -> setQuota(tag);
            default -> throw new IllegalStateException(name);
        };
        lx.end();
        return c;
    }

    /** mailbox = "INBOX" / astring; INBOX in any case is INBOX (RFC 9051 §5.1). */
    String mailbox() throws ImapSyntaxException {
        byte[] b = lx.astringBytes();
        return checkName(b);
    }

    private static String checkName(byte[] b) throws ImapSyntaxException {
        if (b.length > MAX_MAILBOX_OCTETS) {
            throw new ImapSyntaxException("Mailbox name too long", ResponseCode.LIMIT, false);
        }
        String s = Lexer.utf8(b);
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20 || s.charAt(i) == 0x7f) {
                throw Lexer.error("Control character in mailbox name");
            }
        }
        return s.equalsIgnoreCase("INBOX") ? "INBOX" : s;
    }

    /** list-mailbox = 1*list-char / string (RFC 9051 §9): patterns may hold "%" and "*" unquoted. */
    String listMailbox() throws ImapSyntaxException {
        if (lx.at('"') || lx.at('{')) {
            return checkName(lx.string());
        }
        String s = lx.readWhile(Wire::isListChar);
        if (s.isEmpty()) {
            throw Lexer.error("Expected a mailbox pattern");
        }
        return checkName(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** SELECT/EXAMINE mailbox [SP "(" select-param *(SP select-param) ")"] (RFC 7162 §3.1.8, §3.2.5). */
    private Command select(String tag, boolean examine) throws ImapSyntaxException {
        String mailbox = mailbox();
        boolean condstore = false;
        AuthenticatedCommand.Qresync qresync = null;
        if (lx.skipSp() && !lx.atEnd()) {
            lx.expect('(');
            while (!lx.at(')')) {
                String p = lx.keyword();
                if (p.equals("CONDSTORE") && !condstore) {
                    condstore = true;
                } else if (p.equals("QRESYNC") && qresync == null) {
                    lx.sp();
                    qresync = qresync();
                } else {
                    throw Lexer.error("Unknown or repeated select parameter " + CommandParser.printable(p));
                }
                if (!lx.skipSp()) {
                    break;
                }
            }
            lx.expect(')');
        }
        return new AuthenticatedCommand.Select(tag, mailbox, examine, condstore, qresync);
    }

    /** "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")" (RFC 7162 §3.2.5). */
    private AuthenticatedCommand.Qresync qresync() throws ImapSyntaxException {
        lx.expect('(');
        long validity = lx.nzNumber();
        lx.sp();
        long modseq = lx.number64();
        if (modseq == 0) {
            throw Lexer.error("mod-sequence-value must not be 0");
        }
        SequenceSet known = null;
        SequenceSet seqs = null;
        SequenceSet uids = null;
        if (lx.skipSp()) {
            if (!lx.at('(')) {
                known = lx.sequenceSet();
                lx.skipSp();
            }
            if (lx.at('(')) {
                lx.expect('(');
                seqs = lx.sequenceSet();
                lx.sp();
                uids = lx.sequenceSet();
                lx.expect(')');
            }
        }
        lx.expect(')');
        if ((known != null && (known.saved() || known.hasStar()))
                || (seqs != null && (seqs.saved() || uids.saved()))) {
            throw Lexer.error("Invalid QRESYNC known UIDs");
        }
        return new AuthenticatedCommand.Qresync(validity, modseq, known, seqs, uids);
    }

    /** CREATE mailbox [SP "(" "USE" SP "(" [use-attr *(SP use-attr)] ")" ")"] (RFC 6154 §3). */
    private Command create(String tag) throws ImapSyntaxException {
        String mailbox = mailbox();
        List<String> use = new ArrayList<>();
        if (lx.skipSp() && !lx.atEnd()) {
            lx.expect('(');
            if (!lx.skipKeyword("USE")) {
                throw Lexer.error("Unknown CREATE parameter");
            }
            lx.sp();
            lx.expect('(');
            while (!lx.at(')')) {
                lx.expect('\\');
                use.add("\\" + lx.atom());
                lx.checkItems(use.size());
                if (!lx.skipSp()) {
                    break;
                }
            }
            lx.expect(')');
            lx.expect(')');
        }
        return new AuthenticatedCommand.Create(tag, mailbox, use);
    }

    /**
     * LIST [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]
     * (RFC 9051 §6.3.9, RFC 5258 §3, RFC 5819, RFC 6154 §4).
     */
    private Command list(String tag) throws ImapSyntaxException {
        Set<ListSelect> select = EnumSet.noneOf(ListSelect.class);
        boolean extended = false;
        if (lx.at('(')) {
            extended = true;
            selectOptions(select);
            lx.sp();
        }
        String reference = mailboxNoInbox();
        lx.sp();
        List<String> patterns = new ArrayList<>();
        if (lx.at('(')) {
            extended = true;
            lx.expect('(');
            patterns.add(listMailbox());
            while (lx.skipSp()) {
                patterns.add(listMailbox());
                lx.checkItems(patterns.size());
            }
            lx.expect(')');
        } else {
            patterns.add(listMailbox());
        }
        Set<ListReturn> returns = EnumSet.noneOf(ListReturn.class);
        List<StatusItem> status = new ArrayList<>();
        if (lx.skipSp() && !lx.atEnd()) {
            if (!lx.skipKeyword("RETURN")) {
                throw Lexer.error("Expected RETURN");
            }
            extended = true;
            lx.sp();
            returnOptions(returns, status);
        }
        return new AuthenticatedCommand.ListMailboxes(tag, select, reference, patterns, returns, status, extended);
    }

    private String mailboxNoInbox() throws ImapSyntaxException {
        byte[] b = lx.astringBytes();
        if (b.length > MAX_MAILBOX_OCTETS) {
            throw new ImapSyntaxException("Reference name too long", ResponseCode.LIMIT, false);
        }
        return Lexer.utf8(b);
    }

    /** RFC 5258 §3.1: unknown options and RECURSIVEMATCH without a base option are BAD. */
    private void selectOptions(Set<ListSelect> select) throws ImapSyntaxException {
        lx.expect('(');
        while (!lx.at(')')) {
            String o = lx.keyword();
            switch (o) {
                case "SUBSCRIBED" -> select.add(ListSelect.SUBSCRIBED);
                case "REMOTE" -> select.add(ListSelect.REMOTE);
                case "RECURSIVEMATCH" -> select.add(ListSelect.RECURSIVEMATCH);
                case "SPECIAL-USE" -> select.add(ListSelect.SPECIAL_USE);
                default -> throw Lexer.error("Unknown LIST selection option " + CommandParser.printable(o));
            }
            if (!lx.skipSp()) {
                break;
            }
        }
        lx.expect(')');
        if (select.contains(ListSelect.RECURSIVEMATCH)
                && !select.contains(ListSelect.SUBSCRIBED) && !select.contains(ListSelect.SPECIAL_USE)) {
            throw Lexer.error("RECURSIVEMATCH needs another selection option (RFC 5258 §3.1)");
        }
    }

    private void returnOptions(Set<ListReturn> returns, List<StatusItem> status) throws ImapSyntaxException {
        lx.expect('(');
        while (!lx.at(')')) {
            String o = lx.keyword();
            switch (o) {
                case "SUBSCRIBED" -> returns.add(ListReturn.SUBSCRIBED);
                case "CHILDREN" -> returns.add(ListReturn.CHILDREN);
                case "SPECIAL-USE" -> returns.add(ListReturn.SPECIAL_USE);
                case "STATUS" -> {
                    if (!returns.add(ListReturn.STATUS)) {
                        throw Lexer.error("STATUS given twice");
                    }
                    lx.sp();
                    status.addAll(statusItems());
                }
                default -> throw Lexer.error("Unknown LIST return option " + CommandParser.printable(o));
            }
            if (!lx.skipSp()) {
                break;
            }
        }
        lx.expect(')');
    }

    private Command status(String tag) throws ImapSyntaxException {
        String mailbox = mailbox();
        lx.sp();
        return new AuthenticatedCommand.Status(tag, mailbox, statusItems());
    }

    /** "(" status-att *(SP status-att) ")" (RFC 9051 §6.3.11). */
    private List<StatusItem> statusItems() throws ImapSyntaxException {
        lx.expect('(');
        List<StatusItem> items = new ArrayList<>();
        do {
            String a = lx.keyword();
            StatusItem item = StatusItem.of(a);
            if (item == null) {
                throw Lexer.error("Unknown STATUS item " + CommandParser.printable(a));
            }
            if (!items.contains(item)) {
                items.add(item);
            }
        } while (lx.skipSp());
        lx.expect(')');
        return items;
    }

    /**
     * APPEND mailbox 1*(SP [flag-list SP] [date-time SP] append-data) (RFC 9051 §6.3.12, MULTIAPPEND
     * RFC 3502, literal8 RFC 3516 §4.4, "UTF8 (" literal8 ")" RFC 6855 §4).
     */
    private Command append(String tag) throws ImapSyntaxException {
        String mailbox = mailbox();
        List<AuthenticatedCommand.AppendMessage> messages = new ArrayList<>();
        while (lx.skipSp() && !lx.atEnd()) {
            List<String> flags = List.of();
            if (lx.at('(')) {
                flags = lx.flagList();
                lx.sp();
            }
            OffsetDateTime date = null;
            if (lx.at('"')) {
                date = lx.dateTime();
                lx.sp();
            }
            RawCommand.Literal data;
            if (lx.skipKeyword("UTF8")) {
                lx.sp();
                lx.expect('(');
                data = lx.literal(true);
                lx.expect(')');
            } else if (lx.atLiteral()) {
                data = lx.literal(true);
            } else {
                throw Lexer.error("Expected message literal");
            }
            messages.add(new AuthenticatedCommand.AppendMessage(flags, date, data.data(), data.binary()));
        }
        if (messages.isEmpty()) {
            throw Lexer.error("Missing message literal");
        }
        return new AuthenticatedCommand.Append(tag, mailbox, messages);
    }

    /** SETQUOTA quota-root-name SP "(" [resource-name SP resource-limit *(...)] ")" (RFC 9208 §4.4). */
    private Command setQuota(String tag) throws ImapSyntaxException {
        String root = lx.astring();
        lx.sp();
        lx.expect('(');
        List<AuthenticatedCommand.QuotaLimit> limits = new ArrayList<>();
        while (!lx.at(')')) {
            String resource = lx.atom().toUpperCase(Locale.ROOT);
            lx.sp();
            limits.add(new AuthenticatedCommand.QuotaLimit(resource, lx.number64()));
            lx.checkItems(limits.size());
            if (!lx.skipSp()) {
                break;
            }
        }
        lx.expect(')');
        return new AuthenticatedCommand.SetQuota(tag, root, limits);
    }
}
