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
import org.tegami.store.CopyResult;
import org.tegami.store.Delivery;
import org.tegami.store.FlagResult;
import org.tegami.store.FlagUpdate;
import org.tegami.store.Mailbox;
import org.tegami.store.MailboxChanges;
import org.tegami.store.MailboxEvents;
import org.tegami.store.MailboxStatus;
import org.tegami.store.MailboxView;
import org.tegami.store.MailStore;
import org.tegami.store.MessageData;
import org.tegami.store.MessageInfo;
import org.tegami.store.MessageKeys;
import org.tegami.store.StoreException;
import org.tegami.store.SystemFlags;
import org.tegami.store.TextQuery;

/** Mailboxes and messages in SQLite. */
final class SqliteMailStore implements MailStore {

    static final String MAILBOX_COLUMNS = "id, account_id, name, special_use,"
            + " EXISTS (SELECT 1 FROM subscriptions s WHERE s.account_id = mailboxes.account_id AND s.name = mailboxes.name),"
            + " uidvalidity, uidnext, highestmodseq";
    private static final String MESSAGE_COLUMNS =
            "m.mailbox_id, m.uid, m.modseq, m.flags, m.keywords, m.internal_date, m.size, c.sha256, m.content_id";

    /** UIDVALIDITY values must differ for every mailbox ever created; time-based, strictly rising. */
    private static final AtomicLong LAST_UIDVALIDITY = new AtomicLong();

    private final Database db;
    private final MailboxEvents events = new MailboxEvents();
    private final MessageReads reads;
    private final MessageWrites writes;
    private final MailboxWrites mailboxWrites;
    private final TextIndex text;
    private final TextIndexer indexer;

    SqliteMailStore(Database db, BlobStore blobs, boolean backgroundIndexing) {
        this.db = db;
        this.reads = new MessageReads(db);
        this.writes = new MessageWrites(db, events);
        this.mailboxWrites = new MailboxWrites(db, events);
        this.text = new TextIndex(db, blobs);
        this.indexer = backgroundIndexing ? new TextIndexer(text) : null;
    }

    /** Stops the background indexer (before the database closes). */
    void close() {
        if (indexer != null) {
            indexer.close();
        }
    }

    private void textQueued() {
        if (indexer != null) {
            indexer.delivered();
        }
    }

    /** Texts delivered but not yet in the trigram index (searches scan them). */
    long textsAwaitingIndex() {
        return text.pendingCount();
    }

    /** Adds up to {@code max} waiting texts to the trigram index now (tests; the indexer does it otherwise). */
    int indexWaitingTexts(int max) {
        return text.indexPending(max);
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

    static Mailbox mailbox(ResultSet rs) throws SQLException {
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
        return db.write(tx -> deliver(tx, d));
    }

    @Override
    public List<Delivery.Stored> deliverAll(List<Delivery> deliveries) {
        return db.write(tx -> {
            List<Delivery.Stored> out = new ArrayList<>();
            for (Delivery d : deliveries) {
                out.addAll(deliver(tx, d));
            }
            return out;
        });
    }

    private List<Delivery.Stored> deliver(Database.WriteTx tx, Delivery d) throws SQLException {
        Connection c = tx.connection();
        if (d.blob().directory() != null) {
            tx.syncBeforeCommit(d.blob().directory());
        }
        long contentId = upsertContent(c, d);
        if (d.index() != null) {
            TextIndex.insert(c, contentId, d.index());
            tx.afterCommit(this::textQueued);
        }
        List<Delivery.Stored> stored = new ArrayList<>(d.mailboxIds().size());
        for (long mailboxId : d.mailboxIds()) {
            stored.add(insertMessage(c, mailboxId, contentId, d));
            tx.afterCommit(() -> events.publish(mailboxId, MailboxEvents.Change.ADDED));
        }
        return stored;
    }

    @Override
    public long[] expungeDeleted(long mailboxId, long[] uids) {
        return db.write(tx -> {
            List<Long> removed = new ArrayList<>();
            if (uids == null) {
                try (PreparedStatement ps = tx.connection().prepareStatement(
                        "SELECT uid FROM messages WHERE mailbox_id = ? AND (flags & ?) != 0 ORDER BY uid")) {
                    ps.setLong(1, mailboxId);
                    ps.setInt(2, SystemFlags.DELETED);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            removed.add(rs.getLong(1));
                        }
                    }
                }
            } else if (uids.length > 0) {
                MessageWrites.forChunks(tx.connection(), "SELECT uid, flags FROM messages", mailboxId, uids, rs -> {
                    if ((rs.getInt(2) & SystemFlags.DELETED) != 0) {
                        removed.add(rs.getLong(1));
                    }
                });
            }
            if (removed.isEmpty()) {
                return new long[0];
            }
            long[] out = MessageWrites.toArray(removed);
            MessageWrites.remove(tx, mailboxId, out);
            tx.afterCommit(() -> events.publish(mailboxId, MailboxEvents.Change.EXPUNGED));
            return out;
        });
    }
    private static long upsertContent(Connection c, Delivery d) throws SQLException {
        return Contents.upsert(c, d.blob(), d.structure());
    }

    private static Delivery.Stored insertMessage(Connection c, long mailboxId, long contentId, Delivery d)
            throws SQLException {
        long[] next = allocate(c, mailboxId, 1);
        long uid = next[0];
        long modseq = next[1];
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO messages (mailbox_id, uid, content_id, modseq, flags, keywords, internal_date, size,"
                        + " internal_tz) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, mailboxId);
            ps.setLong(2, uid);
            ps.setLong(3, contentId);
            ps.setLong(4, modseq);
            ps.setInt(5, d.flags());
            ps.setString(6, d.keywords() == null ? "" : d.keywords());
            ps.setLong(7, d.internalDate());
            ps.setLong(8, d.blob().size());
            ps.setInt(9, d.internalTz());
            ps.executeUpdate();
        }
        return new Delivery.Stored(mailboxId, uid, modseq, next[2]);
    }

    /**
     * Takes {@code count} UIDs and one new mod-sequence from a mailbox (RFC 9051 §2.3.1.1: UIDs
     * strictly ascending, never reused; RFC 7162 §3.1: HIGHESTMODSEQ rises with every change).
     *
     * @return first UID, the new mod-sequence, UIDVALIDITY
     */
    static long[] allocate(Connection c, long mailboxId, int count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE mailboxes SET uidnext = uidnext + ?, highestmodseq = highestmodseq + 1 WHERE id = ?"
                        + " RETURNING uidnext - ?, highestmodseq, uidvalidity")) {
            ps.setInt(1, count);
            ps.setLong(2, mailboxId);
            ps.setInt(3, count);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException(StoreException.Kind.NOT_FOUND, "no mailbox " + mailboxId);
                }
                if (rs.getLong(1) + count - 1 > 0xFFFF_FFFFL) {
                    throw new StoreException(StoreException.Kind.INVALID, "mailbox has used up its UIDs");
                }
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    /** A new mod-sequence for a change that adds no message (flags, expunge). */
    static long nextModSeq(Connection c, long mailboxId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE mailboxes SET highestmodseq = highestmodseq + 1 WHERE id = ? RETURNING highestmodseq")) {
            ps.setLong(1, mailboxId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException(StoreException.Kind.NOT_FOUND, "no mailbox " + mailboxId);
                }
                return rs.getLong(1);
            }
        }
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
            long modseq = nextModSeq(c, mailboxId);
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

    // ---- IMAP -------------------------------------------------------------------------------

    @Override
    public MailboxView view(long mailboxId) {
        return reads.view(mailboxId);
    }

    @Override
    public MailboxChanges changesSince(long mailboxId, long modSeq) {
        return reads.changesSince(mailboxId, modSeq);
    }

    @Override
    public List<MessageData> load(long mailboxId, long[] uids, boolean structure, boolean content) {
        return reads.load(mailboxId, uids, structure, content);
    }

    @Override
    public FlagResult updateFlags(long mailboxId, long[] uids, FlagUpdate update) {
        return writes.updateFlags(mailboxId, uids, update);
    }

    @Override
    public CopyResult copy(long sourceMailboxId, long[] uids, long targetMailboxId, boolean move) {
        return writes.copy(sourceMailboxId, uids, targetMailboxId, move);
    }

    @Override
    public void deleteMailbox(long mailboxId) {
        mailboxWrites.delete(mailboxId);
    }

    @Override
    public void renameMailboxes(long accountId, java.util.Map<String, String> renames) {
        mailboxWrites.rename(accountId, renames);
    }

    @Override
    public Mailbox moveAllTo(long mailboxId, String newName) {
        Mailbox source = mailboxById(mailboxId).orElseThrow(
                () -> new StoreException(StoreException.Kind.NOT_FOUND, "Mailbox does not exist"));
        return writes.moveAllTo(mailboxId, newName, source.accountId(), null);
    }

    @Override
    public Mailbox createUnsubscribed(long accountId, String name, String specialUse) {
        return mailboxWrites.createUnsubscribed(accountId, name, specialUse);
    }

    @Override
    public void setSubscribed(long accountId, String name, boolean subscribed) {
        mailboxWrites.setSubscribed(accountId, name, subscribed);
    }

    @Override
    public List<String> subscriptions(long accountId) {
        return mailboxWrites.subscriptions(accountId);
    }

    @Override
    public long countFrom(long mailboxId, long uid) {
        return reads.countFrom(mailboxId, uid);
    }

    @Override
    public long firstRecentUid(long mailboxId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT first_recent_uid FROM mailboxes WHERE id = ?")) {
                ps.setLong(1, mailboxId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StoreException(StoreException.Kind.NOT_FOUND, "Mailbox does not exist");
                    }
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public void markRecentSeen(long mailboxId, long uid) {
        mailboxWrites.markRecentSeen(mailboxId, uid);
    }

    @Override
    public long[] searchText(long mailboxId, TextQuery query) {
        return text.search(mailboxId, query);
    }

    @Override
    public List<MessageKeys> keys(long mailboxId) {
        return reads.keys(mailboxId);
    }

    @Override
    public int indexMissing(BlobStore blobs, int max) {
        int n = text.indexMissing(blobs, max);
        if (n > 0) {
            textQueued();
        }
        return n;
    }
}
