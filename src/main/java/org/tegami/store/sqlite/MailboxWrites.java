package org.tegami.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tegami.store.Mailbox;
import org.tegami.store.MailboxEvents;
import org.tegami.store.StoreException;

/** Mailbox management for IMAP: create without subscribing, delete, rename, subscriptions, \Recent. */
final class MailboxWrites {

    private final Database db;
    private final MailboxEvents events;

    MailboxWrites(Database db, MailboxEvents events) {
        this.db = db;
        this.events = events;
    }

    static long insert(Connection c, long accountId, String name, String specialUse, boolean subscribe)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO mailboxes (account_id, name, special_use,"
                + " subscribed, uidvalidity, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                java.sql.Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, accountId);
            ps.setString(2, name);
            ps.setString(3, specialUse);
            ps.setInt(4, subscribe ? 1 : 0);
            ps.setLong(5, SqliteMailStore.nextUidValidity());
            ps.setLong(6, System.currentTimeMillis());
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            StoreException se = Database.translate(e);
            if (se.kind() == StoreException.Kind.ALREADY_EXISTS) {
                throw new StoreException(StoreException.Kind.ALREADY_EXISTS, "Mailbox already exists", e);
            }
            throw e;
        }
    }

    Mailbox createUnsubscribed(long accountId, String name, String specialUse) {
        long id = db.write(tx -> insert(tx.connection(), accountId, name, specialUse, false));
        return db.read(c -> MessageReads.mailbox(c, id));
    }

    void delete(long mailboxId) {
        db.write(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement("DELETE FROM mailboxes WHERE id = ?")) {
                ps.setLong(1, mailboxId);
                if (ps.executeUpdate() == 0) {
                    throw new StoreException(StoreException.Kind.NOT_FOUND, "Mailbox does not exist");
                }
            }
            tx.afterCommit(() -> events.publish(mailboxId, MailboxEvents.Change.DELETED));
            return null;
        });
    }

    void rename(long accountId, Map<String, String> renames) {
        db.write(tx -> {
            Connection c = tx.connection();
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement find = c.prepareStatement(
                    "SELECT id FROM mailboxes WHERE account_id = ? AND name = ?");
                    PreparedStatement up = c.prepareStatement(
                            "UPDATE mailboxes SET name = ? WHERE account_id = ? AND name = ?");
                    PreparedStatement sub = c.prepareStatement(
                            "UPDATE OR REPLACE subscriptions SET name = ? WHERE account_id = ? AND name = ?")) {
                // Through temporary names first, so that renaming a/b -> b and a -> a/b cannot collide midway.
                int n = 0;
                List<String[]> steps = new ArrayList<>();
                for (Map.Entry<String, String> e : renames.entrySet()) {
                    steps.add(new String[] {e.getKey(), "\u0000rename" + (n++), e.getValue()});
                }
                for (String[] s : steps) {
                    find.setLong(1, accountId);
                    find.setString(2, s[0]);
                    try (ResultSet rs = find.executeQuery()) {
                        if (!rs.next()) {
                            throw new StoreException(StoreException.Kind.NOT_FOUND, "Mailbox does not exist");
                        }
                        ids.add(rs.getLong(1));
                    }
                    rename(up, sub, accountId, s[0], s[1]);
                }
                for (String[] s : steps) {
                    try {
                        rename(up, sub, accountId, s[1], s[2]);
                    } catch (SQLException e) {
                        StoreException se = Database.translate(e);
                        throw se.kind() == StoreException.Kind.ALREADY_EXISTS
                                ? new StoreException(StoreException.Kind.ALREADY_EXISTS, "Mailbox already exists", e)
                                : se;
                    }
                }
            }
            for (long id : ids) {
                tx.afterCommit(() -> events.publish(id, MailboxEvents.Change.RENAMED));
            }
            return null;
        });
    }

    private static void rename(PreparedStatement up, PreparedStatement sub, long accountId, String from, String to)
            throws SQLException {
        up.setString(1, to);
        up.setLong(2, accountId);
        up.setString(3, from);
        up.executeUpdate();
        sub.setString(1, to);
        sub.setLong(2, accountId);
        sub.setString(3, from);
        sub.executeUpdate();
    }

    void setSubscribed(long accountId, String name, boolean subscribed) {
        db.write(tx -> {
            String sql = subscribed
                    ? "INSERT OR IGNORE INTO subscriptions (account_id, name) VALUES (?, ?)"
                    : "DELETE FROM subscriptions WHERE account_id = ? AND name = ?";
            try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
                ps.setLong(1, accountId);
                ps.setString(2, name);
                ps.executeUpdate();
            }
            return null;
        });
    }

    List<String> subscriptions(long accountId) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name FROM subscriptions WHERE account_id = ? ORDER BY name")) {
                ps.setLong(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    void markRecentSeen(long mailboxId, long uid) {
        db.write(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "UPDATE mailboxes SET first_recent_uid = max(first_recent_uid, ?) WHERE id = ?")) {
                ps.setLong(1, uid);
                ps.setLong(2, mailboxId);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
