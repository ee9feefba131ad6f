package org.tegami.imap;

import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * Commands of the authenticated state (RFC 9051 §6.3), also valid when a mailbox is selected, and
 * the authenticated-state extensions: LSUB (RFC 3501 §6.3.9), QUOTA (RFC 9208 §4). Mailbox names
 * are as sent (UTF-8, or modified UTF-7 from IMAP4rev1 clients — see {@link ModifiedUtf7}), except
 * that any spelling of INBOX is normalised to "INBOX" (RFC 9051 §5.1).
 */
public sealed interface AuthenticatedCommand extends Command {

    /** RFC 9051 §6.3.1: capability names, upper case (IMAP4REV2, UTF8=ACCEPT, CONDSTORE, QRESYNC...). */
    record Enable(String tag, List<String> capabilities) implements AuthenticatedCommand {
        public Enable {
            capabilities = List.copyOf(capabilities);
        }

        public String name() {
            return "ENABLE";
        }
    }

    /**
     * QRESYNC select parameter (RFC 7162 §3.2.5).
     *
     * @param knownUids UIDs the client knows, or null
     * @param knownSequences with {@code knownSequenceUids}: the sequence-match-data, or null
     */
    record Qresync(long uidValidity, long modSeq, SequenceSet knownUids,
            SequenceSet knownSequences, SequenceSet knownSequenceUids) {}

    /**
     * SELECT (RFC 9051 §6.3.2) or EXAMINE (§6.3.3), with the CONDSTORE (RFC 7162 §3.1.8) and
     * QRESYNC (§3.2.5) parameters.
     *
     * @param readOnly true for EXAMINE
     * @param qresync the QRESYNC parameter, or null
     */
    record Select(String tag, String mailbox, boolean readOnly, boolean condstore, Qresync qresync)
            implements AuthenticatedCommand {
        public String name() {
            return readOnly ? "EXAMINE" : "SELECT";
        }
    }

    /** RFC 9051 §6.3.4, with the USE parameter of SPECIAL-USE (RFC 6154 §3): e.g. ["\\Drafts"]. */
    record Create(String tag, String mailbox, List<String> specialUse) implements AuthenticatedCommand {
        public Create {
            specialUse = List.copyOf(specialUse);
        }

        public String name() {
            return "CREATE";
        }
    }

    /** RFC 9051 §6.3.5. */
    record Delete(String tag, String mailbox) implements AuthenticatedCommand {
        public String name() {
            return "DELETE";
        }
    }

    /** RFC 9051 §6.3.6. */
    record Rename(String tag, String from, String to) implements AuthenticatedCommand {
        public String name() {
            return "RENAME";
        }
    }

    /** RFC 9051 §6.3.7. */
    record Subscribe(String tag, String mailbox) implements AuthenticatedCommand {
        public String name() {
            return "SUBSCRIBE";
        }
    }

    /** RFC 9051 §6.3.8. */
    record Unsubscribe(String tag, String mailbox) implements AuthenticatedCommand {
        public String name() {
            return "UNSUBSCRIBE";
        }
    }

    /** LIST selection options (RFC 9051 §6.3.9.1, RFC 6154 §4 for SPECIAL-USE). */
    enum ListSelect { SUBSCRIBED, REMOTE, RECURSIVEMATCH, SPECIAL_USE }

    /** LIST return options (RFC 9051 §6.3.9.2, RFC 5819 STATUS, RFC 6154 §4 SPECIAL-USE). */
    enum ListReturn { SUBSCRIBED, CHILDREN, SPECIAL_USE, STATUS }

    /**
     * LIST (RFC 9051 §6.3.9, LIST-EXTENDED RFC 5258, LIST-STATUS RFC 5819).
     *
     * @param select selection options ("LIST (SUBSCRIBED) ...")
     * @param reference the reference name
     * @param patterns one or more mailbox patterns
     * @param returns return options
     * @param statusItems items of "RETURN (STATUS (...))", empty when STATUS is not requested
     * @param extended true if the extended syntax was used (selection options, a pattern list or
     *     RETURN): RFC 5258 §3 then asks for LIST-EXTENDED behaviour, e.g. "" is not special
     */
    record ListMailboxes(String tag, Set<ListSelect> select, String reference, List<String> patterns,
            Set<ListReturn> returns, List<StatusItem> statusItems, boolean extended)
            implements AuthenticatedCommand {
        public ListMailboxes {
            select = Set.copyOf(select);
            patterns = List.copyOf(patterns);
            returns = Set.copyOf(returns);
            statusItems = List.copyOf(statusItems);
        }

        public String name() {
            return "LIST";
        }
    }

    /** LSUB (RFC 3501 §6.3.9; kept for IMAP4rev1 clients). */
    record Lsub(String tag, String reference, String pattern) implements AuthenticatedCommand {
        public String name() {
            return "LSUB";
        }
    }

    /** RFC 9051 §6.3.10. */
    record Namespace(String tag) implements AuthenticatedCommand {
        public String name() {
            return "NAMESPACE";
        }
    }

    /** RFC 9051 §6.3.11. */
    record Status(String tag, String mailbox, List<StatusItem> items) implements AuthenticatedCommand {
        public Status {
            items = List.copyOf(items);
        }

        public String name() {
            return "STATUS";
        }
    }

    /**
     * One message of APPEND.
     *
     * @param flags flags to set (system flags in canonical case)
     * @param internalDate the date-time argument, or null
     * @param data the message octets (read-only)
     * @param binary sent as literal8 "~{n}" (RFC 3516 §4.4): may hold NUL and binary parts
     */
    record AppendMessage(List<String> flags, OffsetDateTime internalDate, ByteBuffer data, boolean binary) {
        public AppendMessage {
            flags = List.copyOf(flags);
            data = data.asReadOnlyBuffer();
        }

        public int size() {
            return data.remaining();
        }
    }

    /** APPEND (RFC 9051 §6.3.12); several messages with MULTIAPPEND (RFC 3502 §6.3.11). */
    record Append(String tag, String mailbox, List<AppendMessage> messages) implements AuthenticatedCommand {
        public Append {
            messages = List.copyOf(messages);
        }

        public String name() {
            return "APPEND";
        }
    }

    /** RFC 9051 §6.3.13; the session then reads lines until "DONE" ({@link CommandReader#isDone}). */
    record Idle(String tag) implements AuthenticatedCommand {
        public String name() {
            return "IDLE";
        }
    }

    /** GETQUOTA (RFC 9208 §4.2). */
    record GetQuota(String tag, String root) implements AuthenticatedCommand {
        public String name() {
            return "GETQUOTA";
        }
    }

    /** GETQUOTAROOT (RFC 9208 §4.3). */
    record GetQuotaRoot(String tag, String mailbox) implements AuthenticatedCommand {
        public String name() {
            return "GETQUOTAROOT";
        }
    }

    /** One "resource limit" pair of SETQUOTA; resource names upper case (STORAGE, MESSAGE...). */
    record QuotaLimit(String resource, long limit) {}

    /** SETQUOTA (RFC 9208 §4.4). */
    record SetQuota(String tag, String root, List<QuotaLimit> limits) implements AuthenticatedCommand {
        public SetQuota {
            limits = List.copyOf(limits);
        }

        public String name() {
            return "SETQUOTA";
        }
    }
}
