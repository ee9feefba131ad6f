package org.tegami.imapserver;

import java.util.ArrayList;
import java.util.List;
import org.tegami.imap.ImapSyntaxException;
import org.tegami.imap.ModifiedUtf7;
import org.tegami.imap.ResponseCode;
import org.tegami.store.Mailbox;

/**
 * Mailbox names between the wire and the store. The store keeps UTF-8 names with "/" as the
 * hierarchy delimiter; IMAP4rev1 clients send and receive modified UTF-7 (RFC 3501 §5.1.3), and
 * clients that enabled IMAP4rev2 UTF-8 (RFC 9051 §5.1). INBOX is case-insensitive, also as the
 * first level of a hierarchical name (RFC 9051 §5.1).
 */
final class MailboxNames {

    /** The hierarchy delimiter (RFC 9051 §5.1.1). */
    static final char DELIMITER = '/';
    static final Character DELIMITER_BOXED = DELIMITER;
    /** Longest stored name, in characters (Dovecot allows 255 octets per level; we bound the whole). */
    static final int MAX_LENGTH = 512;

    private MailboxNames() {}

    /** The stored name for a name as the client sent it. */
    static String fromWire(String wire, boolean utf8) {
        String name;
        if (utf8) {
            name = wire;
        } else {
            try {
                name = ModifiedUtf7.decode(wire);
            } catch (ImapSyntaxException e) {
                throw ImapFailure.no(ResponseCode.CANNOT, "Mailbox name is not valid modified UTF-7 (RFC 3501 §5.1.3)");
            }
        }
        return canonicalInbox(name);
    }

    /** The name as this client must see it. */
    static String toWire(String stored, boolean utf8) {
        return utf8 ? stored : ModifiedUtf7.encode(stored);
    }

    /** "inbox" and "Inbox/x" become "INBOX" and "INBOX/x". */
    static String canonicalInbox(String name) {
        if (name.length() >= 5 && name.regionMatches(true, 0, Mailbox.INBOX, 0, 5)
                && (name.length() == 5 || name.charAt(5) == DELIMITER)) {
            return Mailbox.INBOX + name.substring(5);
        }
        return name;
    }

    static boolean isInbox(String name) {
        return name.equals(Mailbox.INBOX);
    }

    /**
     * A name for CREATE or RENAME: a trailing delimiter only declares the intent to create children
     * (RFC 9051 §6.3.4) and is dropped; empty levels, wildcards and control characters are refused.
     */
    static String validateNew(String name) {
        String n = name;
        while (n.length() > 1 && n.charAt(n.length() - 1) == DELIMITER) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || n.length() > MAX_LENGTH) {
            throw ImapFailure.no(ResponseCode.CANNOT, "Invalid mailbox name");
        }
        for (String level : n.split(String.valueOf(DELIMITER), -1)) {
            if (level.isEmpty()) {
                throw ImapFailure.no(ResponseCode.CANNOT, "Invalid mailbox name: empty hierarchy level");
            }
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == '%' || c == '*') {
                throw ImapFailure.no(ResponseCode.CANNOT, "Invalid mailbox name: wildcards are not allowed");
            }
            if (c < 0x20 || c == 0x7f) {
                throw ImapFailure.no(ResponseCode.CANNOT, "Invalid mailbox name: control characters");
            }
        }
        return n;
    }

    /** "a/b/c" -> ["a", "a/b"]. */
    static List<String> parents(String name) {
        List<String> out = new ArrayList<>();
        int i = name.indexOf(DELIMITER);
        while (i > 0) {
            out.add(name.substring(0, i));
            i = name.indexOf(DELIMITER, i + 1);
        }
        return out;
    }

    /** The parent name, or null at the top level. */
    static String parent(String name) {
        int i = name.lastIndexOf(DELIMITER);
        return i > 0 ? name.substring(0, i) : null;
    }

    static boolean isDescendant(String name, String ancestor) {
        return name.length() > ancestor.length() + 1 && name.startsWith(ancestor)
                && name.charAt(ancestor.length()) == DELIMITER;
    }
}
