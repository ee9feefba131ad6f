package org.tegami.imap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server responses (RFC 9051 §7) as immutable records, written by {@link ResponseEncoder}. FETCH
 * responses with message data are streamed with {@link FetchResponseWriter} instead; the small
 * unsolicited flag update has its own record ({@link FetchFlags}).
 *
 * <p>Mailbox names are written as given: the session converts them to modified UTF-7 for
 * IMAP4rev1 clients ({@link ModifiedUtf7#encode}).
 */
public sealed interface Response {

    /** Status response kinds (RFC 9051 §7.1). */
    enum Kind { OK, NO, BAD, PREAUTH, BYE }

    /**
     * A status response: tagged ("a1 OK [READ-WRITE] done") or untagged ("* OK ...", "* BYE ...").
     *
     * @param tag the command tag, or null for an untagged response
     * @param code response code, or null
     */
    record Status(String tag, Kind kind, ResponseCode code, String text) implements Response {
        public static Status ok(String tag, String text) {
            return new Status(tag, Kind.OK, null, text);
        }

        public static Status ok(String tag, ResponseCode code, String text) {
            return new Status(tag, Kind.OK, code, text);
        }

        public static Status no(String tag, ResponseCode code, String text) {
            return new Status(tag, Kind.NO, code, text);
        }

        public static Status bad(String tag, String text) {
            return new Status(tag, Kind.BAD, null, text);
        }

        public static Status bye(String text) {
            return new Status(null, Kind.BYE, null, text);
        }
    }

    /** Command continuation request "+ text" (RFC 9051 §7.5). */
    record Continuation(String text) implements Response {}

    /** A SASL challenge "+ base64" (RFC 9051 §6.2.2); an empty challenge is "+ ". */
    record Challenge(byte[] data) implements Response {}

    /** "* CAPABILITY ..." (RFC 9051 §7.2.2). */
    record Capability(List<String> capabilities) implements Response {
        public Capability {
            capabilities = List.copyOf(capabilities);
        }
    }

    /** "* ENABLED ..." (RFC 9051 §7.2.1). */
    record Enabled(List<String> capabilities) implements Response {
        public Enabled {
            capabilities = List.copyOf(capabilities);
        }
    }

    /** "* n EXISTS" (RFC 9051 §7.4.1). */
    record Exists(long count) implements Response {}

    /** "* n RECENT" (RFC 3501 §7.3.2; IMAP4rev1 only). */
    record Recent(long count) implements Response {}

    /** "* n EXPUNGE" (RFC 9051 §7.5.1). */
    record Expunge(long seq) implements Response {}

    /** "* FLAGS (...)" (RFC 9051 §7.3.5). */
    record Flags(List<String> flags) implements Response {
        public Flags {
            flags = List.copyOf(flags);
        }
    }

    /**
     * "* LIST (attrs) "/" mailbox [extended]" (RFC 9051 §7.3.1) or "* LSUB ..." (RFC 3501 §7.2.3).
     *
     * @param delimiter hierarchy delimiter, or null for NIL (flat namespace)
     * @param childInfo CHILDINFO extended data (RFC 5258 §4), e.g. ["SUBSCRIBED"]; empty if none
     * @param oldName OLDNAME extended data (RFC 9051 §7.3.1), or null
     */
    record ListItem(boolean lsub, List<String> attributes, Character delimiter, String mailbox,
            List<String> childInfo, String oldName) implements Response {
        public ListItem {
            attributes = List.copyOf(attributes);
            childInfo = List.copyOf(childInfo);
        }

        public static ListItem list(List<String> attributes, Character delimiter, String mailbox) {
            return new ListItem(false, attributes, delimiter, mailbox, List.of(), null);
        }
    }

    /** "* STATUS mailbox (item value ...)" (RFC 9051 §7.3.2); values in the map's order. */
    record MailboxStatus(String mailbox, Map<StatusItem, Long> values) implements Response {
        public MailboxStatus {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /** "* SEARCH n..." (RFC 3501 §7.2.5), with "(MODSEQ n)" for CONDSTORE (RFC 7162 §3.1.5). */
    record Search(List<Long> numbers, Long modSeq) implements Response {
        public Search {
            numbers = List.copyOf(numbers);
        }
    }

    /**
     * "* ESEARCH (TAG "a") UID MIN 1 MAX 9 ALL 1:9 COUNT 9 MODSEQ 7" (RFC 9051 §7.3.4, RFC 4731 §3.2).
     * Absent parts are null.
     */
    record ESearch(String tag, boolean uid, Long min, Long max, SequenceSet all, Long count, Long modSeq)
            implements Response {}

    /** One namespace of NAMESPACE (RFC 9051 §7.3.3). */
    record NamespaceDescriptor(String prefix, Character delimiter) {}

    /** "* NAMESPACE personal other shared"; an empty list is written as NIL. */
    record Namespace(List<NamespaceDescriptor> personal, List<NamespaceDescriptor> other,
            List<NamespaceDescriptor> shared) implements Response {
        public Namespace {
            personal = List.copyOf(personal);
            other = List.copyOf(other);
            shared = List.copyOf(shared);
        }
    }

    /** "* ID (...)" or "* ID NIL" (RFC 2971 §3.2). */
    record Id(Map<String, String> fields) implements Response {
        public Id {
            fields = fields == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** One resource of a QUOTA response (RFC 9208 §5.1): usage and limit. */
    record QuotaResource(String name, long usage, long limit) {}

    /** "* QUOTA root (STORAGE 10 512)" (RFC 9208 §5.1). */
    record Quota(String root, List<QuotaResource> resources) implements Response {
        public Quota {
            resources = List.copyOf(resources);
        }
    }

    /** "* QUOTAROOT mailbox root..." (RFC 9208 §5.2). */
    record QuotaRoot(String mailbox, List<String> roots) implements Response {
        public QuotaRoot {
            roots = List.copyOf(roots);
        }
    }

    /** "* SORT n..." (RFC 5256 §4), with "(MODSEQ n)" under CONDSTORE (RFC 7162 §3.1.5). */
    record Sort(List<Long> numbers, Long modSeq) implements Response {
        public Sort {
            numbers = List.copyOf(numbers);
        }
    }

    /**
     * A node of a THREAD response: a message number (0 for a dummy parent without a message, as
     * REFERENCES produces) and its children.
     */
    record ThreadNode(long number, List<ThreadNode> children) {
        public ThreadNode {
            children = List.copyOf(children);
        }

        public static ThreadNode leaf(long number) {
            return new ThreadNode(number, List.of());
        }
    }

    /** "* THREAD (2)(3 6 (4 23)(44 7 96))" (RFC 5256 §4). */
    record Thread(List<ThreadNode> threads) implements Response {
        public Thread {
            threads = List.copyOf(threads);
        }
    }

    /** "* VANISHED [(EARLIER)] uids" (RFC 7162 §3.2.10). */
    record Vanished(boolean earlier, SequenceSet uids) implements Response {}

    /**
     * A FETCH response carrying only flags (and UID, MODSEQ): what STORE and other sessions' flag
     * changes produce. "* 3 FETCH (UID 9 FLAGS (\Seen) MODSEQ (12))".
     *
     * @param uid included when non-null (always for UID commands, RFC 9051 §6.4.9)
     * @param modSeq included when non-null (CONDSTORE enabled)
     */
    record FetchFlags(long seq, Long uid, List<String> flags, Long modSeq) implements Response {
        public FetchFlags {
            flags = List.copyOf(flags);
        }
    }
}
