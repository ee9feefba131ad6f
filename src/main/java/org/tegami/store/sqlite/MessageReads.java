package org.tegami.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.tegami.store.Mailbox;
import org.tegami.store.MailboxChanges;
import org.tegami.store.MailboxView;
import org.tegami.store.MessageData;
import org.tegami.store.MessageFlags;
import org.tegami.store.MessageKeys;
import org.tegami.store.StoreException;

/**
 * Reads for IMAP sessions: a whole mailbox as arrays (one range scan of the clustered
 * (mailbox_id, uid) key), changes after a mod-sequence (index range scans), FETCH data for many
 * messages at once, and the sort/search keys. No query here runs per message.
 */
final class MessageReads {

    /** Requests with more UIDs than this are split, keeping each read (and memory) bounded. */
    static final int CHUNK = 2000;

    private final Database db;

    MessageReads(Database db) {
        this.db = db;
    }

    MailboxView view(long mailboxId) {
        return db.read(c -> {
            Mailbox mb = mailbox(c, mailboxId);
            long firstRecent;
            try (PreparedStatement ps = c.prepareStatement("SELECT first_recent_uid FROM mailboxes WHERE id = ?")) {
                ps.setLong(1, mailboxId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    firstRecent = rs.getLong(1);
                }
            }
            Grow g = new Grow(1024);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT uid, modseq, flags, keywords FROM messages WHERE mailbox_id = ? ORDER BY uid")) {
                ps.setLong(1, mailboxId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        g.add(rs.getLong(1), rs.getLong(2), rs.getInt(3), keywords(rs.getString(4)));
                    }
                }
            }
            return new MailboxView(mb, g.uids(), g.modSeqs(), g.flags(), g.keywords(), firstRecent);
        });
    }

    /** Column arrays that grow as rows come (the count is only a hint: writes run beside us). */
    private static final class Grow {
        long[] uids;
        long[] modSeqs;
        int[] flags;
        String[] keywords;
        int n;

        Grow(int capacity) {
            uids = new long[capacity];
            modSeqs = new long[capacity];
            flags = new int[capacity];
            keywords = new String[capacity];
        }

        void add(long uid, long modSeq, int f, String kw) {
            if (n == uids.length) {
                int cap = n * 2 + 16;
                uids = java.util.Arrays.copyOf(uids, cap);
                modSeqs = java.util.Arrays.copyOf(modSeqs, cap);
                flags = java.util.Arrays.copyOf(flags, cap);
                keywords = java.util.Arrays.copyOf(keywords, cap);
            }
            uids[n] = uid;
            modSeqs[n] = modSeq;
            flags[n] = f;
            keywords[n] = kw;
            n++;
        }

        long[] uids() {
            return java.util.Arrays.copyOf(uids, n);
        }

        long[] modSeqs() {
            return java.util.Arrays.copyOf(modSeqs, n);
        }

        int[] flags() {
            return java.util.Arrays.copyOf(flags, n);
        }

        String[] keywords() {
            return java.util.Arrays.copyOf(keywords, n);
        }
    }

    /** The empty keyword list is one shared string, so a view of 100k messages holds no copies. */
    static String keywords(String s) {
        return s == null || s.isEmpty() ? "" : s;
    }

    static Mailbox mailbox(Connection c, long mailboxId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + SqliteMailStore.MAILBOX_COLUMNS + " FROM mailboxes WHERE id = ?")) {
            ps.setLong(1, mailboxId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException(StoreException.Kind.NOT_FOUND, "no such mailbox");
                }
                return SqliteMailStore.mailbox(rs);
            }
        }
    }

    /**
     * Reads HIGHESTMODSEQ first, then rows with a mod-sequence up to it: everything committed up to
     * that point, consistently, without a read transaction (a later change has a higher value and
     * is reported by the next call).
     */
    MailboxChanges changesSince(long mailboxId, long modSeq) {
        return db.read(c -> {
            Mailbox mb = mailbox(c, mailboxId);
            long high = mb.highestModSeq();
            List<MessageFlags> changed = new ArrayList<>();
            long[] expunged = new long[0];
            if (high > modSeq) {
                try (PreparedStatement ps = c.prepareStatement("SELECT uid, modseq, flags, keywords FROM messages"
                        + " WHERE mailbox_id = ? AND modseq > ? AND modseq <= ? ORDER BY uid")) {
                    ps.setLong(1, mailboxId);
                    ps.setLong(2, modSeq);
                    ps.setLong(3, high);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            changed.add(new MessageFlags(rs.getLong(1), rs.getLong(2), rs.getInt(3),
                                    keywords(rs.getString(4))));
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT uid FROM expunged"
                        + " WHERE mailbox_id = ? AND modseq > ? AND modseq <= ? ORDER BY uid")) {
                    ps.setLong(1, mailboxId);
                    ps.setLong(2, modSeq);
                    ps.setLong(3, high);
                    List<Long> ex = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ex.add(rs.getLong(1));
                        }
                    }
                    expunged = ex.stream().mapToLong(Long::longValue).toArray();
                }
            }
            return new MailboxChanges(high, mb.uidNext(), changed, expunged);
        });
    }

    List<MessageData> load(long mailboxId, long[] uids, boolean structure, boolean content) {
        List<MessageData> out = new ArrayList<>(uids.length);
        int chunk = content ? 100 : CHUNK; // message bytes: at most ~13 MB of inline data per read
        for (int from = 0; from < uids.length; from += chunk) {
            int to = Math.min(uids.length, from + chunk);
            int start = from;
            out.addAll(db.read(c -> loadChunk(c, mailboxId, uids, start, to, structure, content)));
        }
        return out;
    }

    /**
     * One chunk: a range scan when the UIDs are dense (the usual 1:* or n:m), an IN list when
     * they are sparse, so neither a long range nor many single-row queries are read.
     */
    private static List<MessageData> loadChunk(Connection c, long mailboxId, long[] uids, int from, int to,
            boolean structure, boolean content) throws SQLException {
        long lo = uids[from];
        long hi = uids[to - 1];
        boolean dense = hi - lo + 1 <= 4L * (to - from);
        // Only what is asked for: dates and sizes alone (FETCH FAST) need no join at all.
        boolean join = structure || content;
        StringBuilder sql = new StringBuilder("SELECT m.uid, m.internal_date, m.internal_tz, m.size, m.content_id, ")
                .append(content ? "c.sha256" : "NULL").append(", ")
                .append(structure ? "c.structure" : "NULL").append(", ")
                .append(content ? "c.data" : "NULL")
                .append(join ? " FROM messages m JOIN contents c ON c.id = m.content_id" : " FROM messages m")
                .append(" WHERE m.mailbox_id = ? AND ");
        if (dense) {
            sql.append("m.uid BETWEEN ? AND ?");
        } else {
            sql.append("m.uid IN (");
            for (int i = from; i < to; i++) {
                sql.append(i > from ? ",?" : "?");
            }
            sql.append(')');
        }
        sql.append(" ORDER BY m.uid");
        List<MessageData> out = new ArrayList<>(to - from);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setLong(1, mailboxId);
            if (dense) {
                ps.setLong(2, lo);
                ps.setLong(3, hi);
            } else {
                for (int i = from; i < to; i++) {
                    ps.setLong(2 + i - from, uids[i]);
                }
            }
            int k = from;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long uid = rs.getLong(1);
                    while (k < to && uids[k] < uid) {
                        k++;
                    }
                    if (k == to || uids[k] != uid) {
                        continue; // in the range but not asked for
                    }
                    out.add(new MessageData(uid, rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getLong(5),
                            content ? rs.getString(6) : null, structure ? rs.getBytes(7) : null,
                            content ? rs.getBytes(8) : null));
                }
            }
        }
        return out;
    }

    List<MessageKeys> keys(long mailboxId) {
        return db.read(c -> {
            List<MessageKeys> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT m.uid, m.internal_date, m.internal_tz, m.size,"
                    + " k.sent_date, k.sent_tz, k.subject, k.from_addr, k.to_addr, k.cc_addr, k.display_from,"
                    + " k.display_to, k.message_id, k.refs, k.subject_reply FROM messages m LEFT JOIN content_keys k"
                    + " ON k.content_id = m.content_id WHERE m.mailbox_id = ? ORDER BY m.uid")) {
                ps.setLong(1, mailboxId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long sent = rs.getLong(5);
                        Long sentDate = rs.wasNull() ? null : sent;
                        out.add(new MessageKeys(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), sentDate,
                                rs.getInt(6), str(rs.getString(7)), rs.getInt(15) != 0, str(rs.getString(8)),
                                str(rs.getString(9)),
                                str(rs.getString(10)), str(rs.getString(11)), str(rs.getString(12)),
                                rs.getString(13), str(rs.getString(14))));
                    }
                }
            }
            return out;
        });
    }

    private static String str(String s) {
        return s == null ? "" : s;
    }

    long countFrom(long mailboxId, long uid) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM messages WHERE mailbox_id = ? AND uid >= ?")) {
                ps.setLong(1, mailboxId);
                ps.setLong(2, uid);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
