package org.tegami.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tegami.store.QueueStore;

/** The outbound queue in SQLite (tables of migration 002-queue.sql). */
final class SqliteQueueStore implements QueueStore {

    private static final String RCPT_COLUMNS = "id, message_id, address, domain, orcpt, notify, status, attempts,"
            + " next_attempt, last_attempt, last_reply, warned";
    private static final String MSG_COLUMNS = "q.id, c.sha256, c.size, q.sender, q.envid, q.ret, q.smtputf8,"
            + " q.eightbit, q.origin, q.created_at";

    private final Database db;

    SqliteQueueStore(Database db) {
        this.db = db;
    }

    @Override
    public List<Long> enqueue(List<Enqueue> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        return db.write(tx -> insertAll(tx, messages));
    }

    private static List<Long> insertAll(Database.WriteTx tx, List<Enqueue> messages) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (Enqueue e : messages) {
            tx.syncBeforeCommit(e.message().blob().directory());
            ids.add(insert(tx.connection(), e));
        }
        return ids;
    }

    private static long insert(Connection c, Enqueue e) throws SQLException {
        NewMessage m = e.message();
        long contentId = upsertContent(c, m);
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO queue_messages (content_id, sender, envid, ret,"
                + " smtputf8, eightbit, origin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, contentId);
            ps.setString(2, m.sender());
            ps.setString(3, m.envid());
            ps.setString(4, m.ret());
            ps.setInt(5, m.smtpUtf8() ? 1 : 0);
            ps.setInt(6, m.eightBit() ? 1 : 0);
            ps.setString(7, m.origin());
            ps.setLong(8, m.createdAt());
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO queue_recipients (message_id, address, domain,"
                + " orcpt, notify, next_attempt) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (NewRecipient r : e.recipients()) {
                ps.setLong(1, id);
                ps.setString(2, r.address());
                ps.setString(3, r.domain());
                ps.setString(4, r.orcpt());
                ps.setString(5, r.notifyParam());
                ps.setLong(6, e.firstAttempt());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return id;
    }

    private static long upsertContent(Connection c, NewMessage m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM contents WHERE sha256 = ?")) {
            ps.setString(1, m.blob().sha256());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO contents (sha256, size, structure, created_at) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, m.blob().sha256());
            ps.setLong(2, m.blob().size());
            ps.setBytes(3, m.structure());
            ps.setLong(4, m.createdAt());
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public List<QueuedRecipient> due(long now, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + RCPT_COLUMNS + " FROM queue_recipients"
                    + " WHERE status = 'queued' AND next_attempt <= ? ORDER BY next_attempt, id LIMIT ?")) {
                ps.setLong(1, now);
                ps.setInt(2, limit);
                return recipients(ps);
            }
        });
    }

    private static List<QueuedRecipient> recipients(PreparedStatement ps) throws SQLException {
        List<QueuedRecipient> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new QueuedRecipient(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), Status.valueOf(rs.getString(7).toUpperCase(Locale.ROOT)),
                        rs.getInt(8), rs.getLong(9), rs.getLong(10), rs.getString(11), rs.getInt(12) != 0));
            }
        }
        return out;
    }

    @Override
    public Optional<QueuedMessage> message(long id) {
        List<QueuedMessage> l = load("WHERE q.id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    @Override
    public List<QueuedMessage> list() {
        return load("", null);
    }

    private List<QueuedMessage> load(String where, Long id) {
        return db.read(c -> {
            Map<Long, Object[]> rows = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + MSG_COLUMNS
                    + " FROM queue_messages q JOIN contents c ON c.id = q.content_id " + where + " ORDER BY q.id")) {
                if (id != null) {
                    ps.setLong(1, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getLong(1), new Object[] {rs.getString(2), rs.getLong(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getInt(7) != 0, rs.getInt(8) != 0,
                                rs.getString(9), rs.getLong(10)});
                    }
                }
            }
            Map<Long, List<QueuedRecipient>> byMessage = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + RCPT_COLUMNS + " FROM queue_recipients"
                    + (id != null ? " WHERE message_id = ?" : "") + " ORDER BY id")) {
                if (id != null) {
                    ps.setLong(1, id);
                }
                for (QueuedRecipient r : recipients(ps)) {
                    byMessage.computeIfAbsent(r.messageId(), k -> new ArrayList<>()).add(r);
                }
            }
            List<QueuedMessage> out = new ArrayList<>();
            for (Map.Entry<Long, Object[]> e : rows.entrySet()) {
                Object[] v = e.getValue();
                out.add(new QueuedMessage(e.getKey(), (String) v[0], (Long) v[1], (String) v[2], (String) v[3],
                        (String) v[4], (Boolean) v[5], (Boolean) v[6], (String) v[7], (Long) v[8],
                        byMessage.getOrDefault(e.getKey(), List.of())));
            }
            return out;
        });
    }

    @Override
    public void record(long now, List<Update> updates, List<Enqueue> newMessages) {
        if (updates.isEmpty() && newMessages.isEmpty()) {
            return;
        }
        db.write(tx -> {
            Connection c = tx.connection();
            List<Long> touched = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE queue_recipients SET status = ?, last_reply ="
                    + " coalesce(?, last_reply), next_attempt = ?, warned = ?, attempts = attempts + ?,"
                    + " last_attempt = CASE WHEN ? THEN ? ELSE last_attempt END WHERE id = ? RETURNING message_id")) {
                for (Update u : updates) {
                    ps.setString(1, u.status().name().toLowerCase(Locale.ROOT));
                    ps.setString(2, u.lastReply());
                    ps.setLong(3, u.nextAttempt());
                    ps.setInt(4, u.warned() ? 1 : 0);
                    ps.setInt(5, u.attempted() ? 1 : 0);
                    ps.setBoolean(6, u.attempted());
                    ps.setLong(7, now);
                    ps.setLong(8, u.recipientId());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && !touched.contains(rs.getLong(1))) {
                            touched.add(rs.getLong(1));
                        }
                    }
                }
            }
            insertAll(tx, newMessages);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM queue_messages WHERE id = ? AND NOT EXISTS"
                    + " (SELECT 1 FROM queue_recipients r WHERE r.message_id = ? AND r.status = 'queued')")) {
                for (long m : touched) {
                    ps.setLong(1, m);
                    ps.setLong(2, m);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public int retry(Long messageId, long now) {
        return db.write(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement("UPDATE queue_recipients SET next_attempt = ?"
                    + " WHERE status = 'queued' AND next_attempt > ?" + (messageId == null ? "" : " AND message_id = ?"))) {
                ps.setLong(1, now);
                ps.setLong(2, now);
                if (messageId != null) {
                    ps.setLong(3, messageId);
                }
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean delete(long messageId) {
        return db.write(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement("DELETE FROM queue_messages WHERE id = ?")) {
                ps.setLong(1, messageId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public long nextDue() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT min(next_attempt) FROM queue_recipients WHERE status = 'queued'");
                    ResultSet rs = ps.executeQuery()) {
                long v = rs.next() ? rs.getLong(1) : 0;
                return rs.wasNull() ? Long.MAX_VALUE : v;
            }
        });
    }
}
