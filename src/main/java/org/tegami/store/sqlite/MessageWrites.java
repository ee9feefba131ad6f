package org.tegami.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tegami.store.CopyResult;
import org.tegami.store.FlagResult;
import org.tegami.store.FlagUpdate;
import org.tegami.store.Mailbox;
import org.tegami.store.MailboxEvents;
import org.tegami.store.MessageFlags;

/**
 * Message changes for IMAP: flags (read-modify-write inside the writer's transaction, so two
 * sessions' changes never overwrite each other), copies and moves with new UIDs. Each call is one
 * durable group commit however many messages it touches.
 */
final class MessageWrites {

    private final Database db;
    private final MailboxEvents events;

    MessageWrites(Database db, MailboxEvents events) {
        this.db = db;
        this.events = events;
    }

    FlagResult updateFlags(long mailboxId, long[] uids, FlagUpdate u) {
        if (uids.length == 0) {
            return new FlagResult(List.of(), List.of(), new long[0]);
        }
        return db.write(tx -> {
            Connection c = tx.connection();
            List<MessageFlags> current = currentFlags(c, mailboxId, uids);
            List<MessageFlags> changed = new ArrayList<>();
            List<MessageFlags> unchanged = new ArrayList<>();
            List<Long> failed = new ArrayList<>();
            for (MessageFlags m : current) {
                if (u.unchangedSince() != null && m.modSeq() > u.unchangedSince()) {
                    failed.add(m.uid()); // RFC 7162 §3.1.3
                    continue;
                }
                int flags = switch (u.mode()) {
                    case ADD -> m.flags() | u.flags();
                    case REMOVE -> m.flags() & ~u.flags();
                    case REPLACE -> u.flags();
                };
                String kw = keywords(m.keywords(), u.mode(), u.keywords());
                if (flags == m.flags() && kw.equals(m.keywords())) {
                    unchanged.add(m);
                } else {
                    changed.add(new MessageFlags(m.uid(), 0, flags, kw));
                }
            }
            if (changed.isEmpty()) {
                return new FlagResult(List.of(), unchanged, toArray(failed));
            }
            long modSeq = SqliteMailStore.nextModSeq(c, mailboxId);
            List<MessageFlags> done = new ArrayList<>(changed.size());
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE messages SET flags = ?, keywords = ?, modseq = ? WHERE mailbox_id = ? AND uid = ?")) {
                for (MessageFlags m : changed) {
                    ps.setInt(1, m.flags());
                    ps.setString(2, m.keywords());
                    ps.setLong(3, modSeq);
                    ps.setLong(4, mailboxId);
                    ps.setLong(5, m.uid());
                    ps.addBatch();
                    done.add(new MessageFlags(m.uid(), modSeq, m.flags(), m.keywords()));
                }
                ps.executeBatch();
            }
            tx.afterCommit(() -> events.publish(mailboxId, MailboxEvents.Change.FLAGS));
            return new FlagResult(done, unchanged, toArray(failed));
        });
    }

    /** The stored flags of the given messages (UIDs ascending), read inside the write transaction. */
    private static List<MessageFlags> currentFlags(Connection c, long mailboxId, long[] uids) throws SQLException {
        List<MessageFlags> out = new ArrayList<>(uids.length);
        forChunks(c, "SELECT uid, modseq, flags, keywords FROM messages", mailboxId, uids, rs ->
                out.add(new MessageFlags(rs.getLong(1), rs.getLong(2), rs.getInt(3), MessageReads.keywords(rs.getString(4)))));
        return out;
    }

    @FunctionalInterface
    interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    /**
     * Runs "select ... WHERE mailbox_id = ? AND uid ..." over the given UIDs (ascending) in chunks:
     * a range when dense, an IN list when sparse; rows outside the set are skipped.
     */
    static void forChunks(Connection c, String select, long mailboxId, long[] uids, RowHandler h) throws SQLException {
        for (int from = 0; from < uids.length; from += MessageReads.CHUNK) {
            int to = Math.min(uids.length, from + MessageReads.CHUNK);
            boolean dense = uids[to - 1] - uids[from] + 1 <= 4L * (to - from);
            StringBuilder sql = new StringBuilder(select).append(" WHERE mailbox_id = ? AND ");
            if (dense) {
                sql.append("uid BETWEEN ? AND ?");
            } else {
                sql.append("uid IN (").append("?,".repeat(to - from - 1)).append("?)");
            }
            sql.append(" ORDER BY uid");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setLong(1, mailboxId);
                if (dense) {
                    ps.setLong(2, uids[from]);
                    ps.setLong(3, uids[to - 1]);
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
                        if (k < to && uids[k] == uid) {
                            h.row(rs);
                        }
                    }
                }
            }
        }
    }

    /** Keyword lists compared case-insensitively; the first spelling is kept (RFC 9051 §2.3.2). */
    static String keywords(String stored, FlagUpdate.Mode mode, List<String> change) {
        Map<String, String> set = new LinkedHashMap<>();
        if (mode != FlagUpdate.Mode.REPLACE && !stored.isEmpty()) {
            for (String k : stored.split(" ")) {
                set.putIfAbsent(k.toLowerCase(Locale.ROOT), k);
            }
        }
        for (String k : change) {
            if (mode == FlagUpdate.Mode.REMOVE) {
                set.remove(k.toLowerCase(Locale.ROOT));
            } else {
                set.putIfAbsent(k.toLowerCase(Locale.ROOT), k);
            }
        }
        return set.isEmpty() ? "" : String.join(" ", set.values());
    }

    private record Row(long uid, long contentId, int flags, String keywords, long internalDate, int tz, long size) {}

    CopyResult copy(long source, long[] uids, long target, boolean move) {
        return db.write(tx -> copy(tx, source, uids, target, move));
    }

    private CopyResult copy(Database.WriteTx tx, long source, long[] uids, long target, boolean move)
            throws SQLException {
        Connection c = tx.connection();
        List<Row> rows = new ArrayList<>(uids.length);
        forChunks(c, "SELECT uid, content_id, flags, keywords, internal_date, internal_tz, size FROM messages",
                source, uids, rs -> rows.add(new Row(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                        rs.getLong(5), rs.getInt(6), rs.getLong(7))));
        if (rows.isEmpty()) {
            Mailbox mb = MessageReads.mailbox(c, target);
            return new CopyResult(mb.uidValidity(), new long[0], new long[0]);
        }
        long[] next = SqliteMailStore.allocate(c, target, rows.size());
        long[] src = new long[rows.size()];
        long[] dst = new long[rows.size()];
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO messages (mailbox_id, uid, content_id, modseq, flags, keywords, internal_date, size,"
                        + " internal_tz) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                src[i] = r.uid;
                dst[i] = next[0] + i;
                ps.setLong(1, target);
                ps.setLong(2, dst[i]);
                ps.setLong(3, r.contentId);
                ps.setLong(4, next[1]);
                ps.setInt(5, r.flags);
                ps.setString(6, r.keywords);
                ps.setLong(7, r.internalDate);
                ps.setLong(8, r.size);
                ps.setInt(9, r.tz);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        tx.afterCommit(() -> events.publish(target, MailboxEvents.Change.ADDED));
        if (move) {
            remove(tx, source, src);
        }
        return new CopyResult(next[2], src, dst);
    }

    /** Deletes messages, remembering their UIDs with a new mod-sequence for QRESYNC (RFC 7162 §3.2.10). */
    static void remove(Database.WriteTx tx, long mailboxId, long[] uids) throws SQLException {
        Connection c = tx.connection();
        long modSeq = SqliteMailStore.nextModSeq(c, mailboxId);
        try (PreparedStatement del = c.prepareStatement("DELETE FROM messages WHERE mailbox_id = ? AND uid = ?");
                PreparedStatement rec = c.prepareStatement(
                        "INSERT OR REPLACE INTO expunged (mailbox_id, uid, modseq) VALUES (?, ?, ?)")) {
            for (long uid : uids) {
                del.setLong(1, mailboxId);
                del.setLong(2, uid);
                del.addBatch();
                rec.setLong(1, mailboxId);
                rec.setLong(2, uid);
                rec.setLong(3, modSeq);
                rec.addBatch();
            }
            del.executeBatch();
            rec.executeBatch();
        }
    }

    /** RENAME INBOX (RFC 9051 §6.3.6): a new mailbox receives every message; INBOX stays, empty. */
    Mailbox moveAllTo(long mailboxId, String newName, long accountId, String specialUse) {
        long id = db.write(tx -> {
            long newId = MailboxWrites.insert(tx.connection(), accountId, newName, specialUse, false);
            List<Long> all = new ArrayList<>();
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "SELECT uid FROM messages WHERE mailbox_id = ? ORDER BY uid")) {
                ps.setLong(1, mailboxId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        all.add(rs.getLong(1));
                    }
                }
            }
            if (!all.isEmpty()) {
                copy(tx, mailboxId, toArray(all), newId, true);
                tx.afterCommit(() -> events.publish(mailboxId, MailboxEvents.Change.EXPUNGED));
            }
            return newId;
        });
        return db.read(c -> MessageReads.mailbox(c, id));
    }

    static long[] toArray(List<Long> list) {
        long[] a = new long[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }
}
