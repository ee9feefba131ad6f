package org.tegami.store.sqlite;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.tegami.store.BlobStore;
import org.tegami.store.Delivery;
import org.tegami.store.Mailbox;
import org.tegami.store.MailboxEvents;
import org.tegami.store.MailboxStatus;
import org.tegami.store.MailStore;
import org.tegami.store.MessageInfo;
import org.tegami.store.StoreException;
import org.tegami.store.SystemFlags;

/** Mailboxes and messages in SQLite. */
final class SqliteMailStore implements MailStore {

    private static final String MAILBOX_COLUMNS =
            "id, account_id, name, special_use, subscribed, uidvalidity, uidnext, highestmodseq";
    private static final String MESSAGE_COLUMNS =
            "m.mailbox_id, m.uid, m.modseq, m.flags, m.keywords, m.internal_date, m.size, c.sha256, m.content_id";

    /** UIDVALIDITY values must differ for every mailbox ever created; time-based, strictly rising. */
    private static final AtomicLong LAST_UIDVALIDITY = new AtomicLong();

    private final Database db;
    private final MailboxEvents events = new MailboxEvents();

    SqliteMailStore(Database db) {
        this.db = db;
    }

    @Override
    public MailboxEvents events() {
        return events;
    }

    static long nextUidValidity() {
        long now = System.currentTimeMillis() / 1000;
        // RFC 9051 §2.3.1.1: a 32-bit non-zero value that never repeats for a mailbox name.
        return LAST_UIDVALIDITY.updateAndGet(prev -> Math.max(prev + 1, now)) & 0xffffffffL;
    }

    static long insertMailbox(Connection c, long accountId, String name, String specialUse) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO mailboxes (account_id, name, special_use, uidvalidity, created_at) VALUES (?, ?, ?, ?, ?)",
                java.sql.Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, accountId);
            ps.setString(2, name);
            ps.setString(3, specialUse);
            ps.setLong(4, nextUidValidity());
            ps.setLong(5, System.currentTimeMillis());
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public List<Mailbox> mailboxes(long accountId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + MAILBOX_COLUMNS + " FROM mailboxes WHERE account_id = ? ORDER BY name = 'INBOX' DESC, name")) {
                ps.setLong(1, accountId);
                List<Mailbox> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(mailbox(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Optional<Mailbox> mailbox(long accountId, String name) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + MAILBOX_COLUMNS + " FROM mailboxes WHERE account_id = ? AND name = ?")) {
                ps.setLong(1, accountId);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(mailbox(rs)) : Optional.<Mailbox>empty();
                }
            }
        });
    }

    @Override
    public Optional<Mailbox> mailboxById(long mailboxId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + MAILBOX_COLUMNS + " FROM mailboxes WHERE id = ?")) {
                ps.setLong(1, mailboxId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(mailbox(rs)) : Optional.<Mailbox>empty();
                }
            }
        });
    }

    private static Mailbox mailbox(ResultSet rs) throws SQLException {
        return new Mailbox(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5) != 0,
                rs.getLong(6), rs.getLong(7), rs.getLong(8));
    }

    @Override
    public Mailbox createMailbox(long accountId, String name, String specialUse) {
        long id = db.write(tx -> {
            try {
                return insertMailbox(tx.connection(), accountId, name, specialUse);
            } catch (SQLException e) {
                StoreException se = Database.translate(e);
                throw se.kind() == StoreException.Kind.ALREADY_EXISTS
                        ? new StoreException(StoreException.Kind.ALREADY_EXISTS, "mailbox " + name + " exists already", e)
                        : se;
            }
        });
        return mailboxById(id).orElseThrow();
    }

    @Override
    public List<Delivery.Stored> deliver(Delivery d) {
        return db.write(tx -> {
            Connection c = tx.connection();
            if (d.blob().directory() != null) {
                tx.syncBeforeCommit(d.blob().directory());
            }
            long contentId = upsertContent(c, d);
            List<Delivery.Stored> stored = new ArrayList<>(d.mailboxIds().size());
            for (long mailboxId : d.mailboxIds()) {
                stored.add(insertMessage(c, mailboxId, contentId, d));
                tx.afterCommit(() -> events.publish(mailboxId, MailboxEvents.Change.ADDED));
            }
            return stored;
        });
    }

    @Override
    public List<Delivery.Stored> deliverAll(List<Delivery> deliveries) {
        return db.write(tx -> {
            Connection c = tx.connection();
            List<Delivery.Stored> stored = new ArrayList<>();
            for (Delivery d : deliveries) {
                if (d.blob().directory() != null) {
                    tx.syncBeforeCommit(d.blob().directory());
                }
                long contentId = upsertContent(c, d);
                for (long mailboxId : d.mailboxIds()) {
                    stored.add(insertMessage(c, mailboxId, contentId, d));
                    tx.afterCommit(() -> events.publish(mailboxId, MailboxEvents.Change.ADDED));
                }
            }
            return stored;
        });
    }

    private static long upsertContent(Connection c, Delivery d) throws SQLException {
        return Contents.upsert(c, d.blob(), d.structure());
    }

    private static Delivery.Stored insertMessage(Connection c, long mailboxId, long contentId, Delivery d)
            throws SQLException {
        long uid;
        long modseq;
        long uidValidity;
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE mailboxes SET uidnext = uidnext + 1, highestmodseq = highestmodseq + 1 WHERE id = ?"
                        + " RETURNING uidnext - 1, highestmodseq, uidvalidity")) {
            ps.setLong(1, mailboxId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException(StoreException.Kind.NOT_FOUND, "no mailbox " + mailboxId);
                }
                uid = rs.getLong(1);
                modseq = rs.getLong(2);
                uidValidity = rs.getLong(3);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO messages (mailbox_id, uid, content_id, modseq, flags, keywords, internal_date, size)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, mailboxId);
            ps.setLong(2, uid);
            ps.setLong(3, contentId);
            ps.setLong(4, modseq);
            ps.setInt(5, d.flags());
            ps.setString(6, d.keywords() == null ? "" : d.keywords());
            ps.setLong(7, d.internalDate());
            ps.setLong(8, d.blob().size());
            ps.executeUpdate();
        }
        return new Delivery.Stored(mailboxId, uid, modseq, uidValidity);
    }

    @Override
    public MailboxStatus status(long mailboxId) {
        Mailbox mb = mailboxById(mailboxId).orElseThrow(
                () -> new StoreException(StoreException.Kind.NOT_FOUND, "no mailbox " + mailboxId));
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*), coalesce(sum((flags & ?) = 0), 0), coalesce(sum((flags & ?) != 0), 0),"
                            + " coalesce(sum(size), 0) FROM messages WHERE mailbox_id = ?")) {
                ps.setInt(1, SystemFlags.SEEN);
                ps.setInt(2, SystemFlags.DELETED);
                ps.setLong(3, mailboxId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new MailboxStatus(mb, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
                }
            }
        });
    }

    @Override
    public List<MessageInfo> messages(long mailboxId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + MESSAGE_COLUMNS
                    + " FROM messages m JOIN contents c ON c.id = m.content_id WHERE m.mailbox_id = ? ORDER BY m.uid")) {
                ps.setLong(1, mailboxId);
                List<MessageInfo> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(message(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Optional<MessageInfo> message(long mailboxId, long uid) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + MESSAGE_COLUMNS
                    + " FROM messages m JOIN contents c ON c.id = m.content_id WHERE m.mailbox_id = ? AND m.uid = ?")) {
                ps.setLong(1, mailboxId);
                ps.setLong(2, uid);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(message(rs)) : Optional.<MessageInfo>empty();
                }
            }
        });
    }

    static MessageInfo message(ResultSet rs) throws SQLException {
        return new MessageInfo(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getString(5),
                rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getLong(9));
    }

    @Override
    public byte[] structure(long contentId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT structure FROM contents WHERE id = ?")) {
                ps.setLong(1, contentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StoreException(StoreException.Kind.NOT_FOUND, "no content " + contentId);
                    }
                    return rs.getBytes(1);
                }
            }
        });
    }

    @Override
    public List<Long> expunge(long mailboxId, List<Long> uids) {
        if (uids.isEmpty()) {
            return List.of();
        }
        return db.write(tx -> {
            Connection c = tx.connection();
            long modseq;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE mailboxes SET highestmodseq = highestmodseq + 1 WHERE id = ? RETURNING highestmodseq")) {
                ps.setLong(1, mailboxId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StoreException(StoreException.Kind.NOT_FOUND, "no mailbox " + mailboxId);
                    }
                    modseq = rs.getLong(1);
                }
            }
            List<Long> removed = new ArrayList<>();
            try (PreparedStatement del = c.prepareStatement("DELETE FROM messages WHERE mailbox_id = ? AND uid = ?");
                    PreparedStatement rec = c.prepareStatement(
                            "INSERT OR REPLACE INTO expunged (mailbox_id, uid, modseq) VALUES (?, ?, ?)")) {
                Set<Long> seen = new HashSet<>();
                for (long uid : uids) {
                    if (!seen.add(uid)) {
                        continue;
                    }
                    del.setLong(1, mailboxId);
                    del.setLong(2, uid);
                    if (del.executeUpdate() > 0) {
                        removed.add(uid);
                        rec.setLong(1, mailboxId);
                        rec.setLong(2, uid);
                        rec.setLong(3, modseq);
                        rec.executeUpdate();
                    }
                }
            }
            if (!removed.isEmpty()) {
                tx.afterCommit(() -> events.publish(mailboxId, MailboxEvents.Change.EXPUNGED));
            }
            return removed;
        });
    }

    @Override
    public long usage(long accountId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(m.size), 0) FROM messages m"
                    + " JOIN mailboxes b ON b.id = m.mailbox_id WHERE b.account_id = ?")) {
                ps.setLong(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public int collectGarbage(BlobStore blobs) {
        // Contents no message references. Other owners of blobs (the outbound queue) add their
        // own NOT EXISTS clause in their migration's view, see unreferenced_contents.
        List<Object[]> dead = db.write(tx -> {
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "DELETE FROM contents WHERE id IN (SELECT id FROM unreferenced_contents) RETURNING id, sha256")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[] {rs.getLong(1), rs.getString(2)});
                    }
                }
            }
            return rows;
        });
        int n = 0;
        for (Object[] row : dead) {
            try {
                blobs.delete((String) row[1]);
                n++;
            } catch (IOException e) {
                // left for the next run
            }
        }
        return n;
    }
}
