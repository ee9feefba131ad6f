package org.tegami.imap;

import java.util.ArrayList;
import java.util.List;
import org.tegami.imap.SelectedCommand.StoreMode;

/** STORE (RFC 9051 §6.4.6, UNCHANGEDSINCE of RFC 7162 §3.1.3), COPY (§6.4.7) and MOVE (§6.4.8). */
final class MessageParser {

    private MessageParser() {}

    /**
     * store = "STORE" SP sequence-set [SP "(" "UNCHANGEDSINCE" SP mod-sequence-valzer ")"] SP
     * store-att-flags; store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag
     * *(SP flag))).
     */
    static Command store(Lexer lx, String tag, boolean uid) throws ImapSyntaxException {
        lx.sp();
        SequenceSet set = lx.sequenceSet();
        lx.sp();
        Long unchangedSince = null;
        if (lx.at('(')) {
            lx.expect('(');
            if (!lx.skipKeyword("UNCHANGEDSINCE")) {
                throw Lexer.error("Unknown STORE modifier");
            }
            lx.sp();
            unchangedSince = lx.number64();
            lx.expect(')');
            lx.sp();
        }
        StoreMode mode = StoreMode.REPLACE;
        if (lx.at('+')) {
            lx.expect('+');
            mode = StoreMode.ADD;
        } else if (lx.at('-')) {
            lx.expect('-');
            mode = StoreMode.REMOVE;
        }
        String item = lx.name();
        boolean silent;
        if (item.equals("FLAGS")) {
            silent = false;
        } else if (item.equals("FLAGS.SILENT")) {
            silent = true;
        } else {
            throw Lexer.error("Expected FLAGS, +FLAGS or -FLAGS");
        }
        lx.sp();
        List<String> flags;
        if (lx.at('(')) {
            flags = lx.flagList();
        } else {
            flags = new ArrayList<>();
            flags.add(lx.flag(false));
            while (lx.skipSp() && !lx.atEnd()) {
                flags.add(lx.flag(false));
                lx.checkItems(flags.size());
            }
        }
        lx.end();
        return new SelectedCommand.Store(tag, uid, set, mode, silent, flags, unchangedSince);
    }

    /** copy = "COPY" SP sequence-set SP mailbox; move = "MOVE" SP sequence-set SP mailbox. */
    static Command copyOrMove(Lexer lx, String tag, boolean uid, boolean move) throws ImapSyntaxException {
        lx.sp();
        SequenceSet set = lx.sequenceSet();
        lx.sp();
        String mailbox = new MailboxParser(lx).mailbox();
        lx.end();
        return move ? new SelectedCommand.Move(tag, uid, set, mailbox) : new SelectedCommand.Copy(tag, uid, set, mailbox);
    }
}
