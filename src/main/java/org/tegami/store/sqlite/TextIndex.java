package org.tegami.store.sqlite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.tegami.mime.MimeLimits;
import org.tegami.mime.MimeParser;
import org.tegami.store.BlobStore;
import org.tegami.store.ContentIndex;
import org.tegami.store.TextQuery;

/**
 * The search index of message contents: decoded text in content_text, indexed by the FTS5 table
 * content_fts with the trigram tokenizer (any substring of three or more characters is an index
 * lookup), and the sort/thread keys in content_keys. The text and keys are written in the
 * delivery's transaction; the trigram index is built afterwards ({@link TextIndexer}), so a search
 * reads the index plus the text of the rows still waiting in text_index_pending.
 */
final class TextIndex {

    private final Database db;
    /** To read the few messages whose text is longer than what was indexed. */
    private final BlobStore blobs;

    TextIndex(Database db, BlobStore blobs) {
        this.db = db;
        this.blobs = blobs;
    }

    static void insert(Connection c, long contentId, ContentIndex ix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT OR IGNORE INTO content_text (content_id, headers, body, truncated) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, contentId);
            ps.setString(2, ix.headers());
            ps.setString(3, ix.body());
            ps.setInt(4, ix.truncated() ? 1 : 0);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO content_keys (content_id, sent_date,"
                + " sent_tz, subject, from_addr, to_addr, cc_addr, display_from, display_to, message_id, refs,"
                + " subject_reply) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, contentId);
            if (ix.sentDate() == null) {
                ps.setNull(2, java.sql.Types.INTEGER);
            } else {
                ps.setLong(2, ix.sentDate());
            }
            ps.setInt(3, ix.sentTz());
            ps.setString(4, ix.subject());
            ps.setString(5, ix.from());
            ps.setString(6, ix.to());
            ps.setString(7, ix.cc());
            ps.setString(8, ix.displayFrom());
            ps.setString(9, ix.displayTo());
            ps.setString(10, ix.messageId());
            ps.setString(11, ix.references());
            ps.setInt(12, ix.replyOrForward() ? 1 : 0);
            ps.executeUpdate();
        }
    }

    /** Every message's text, scanned (needles the trigram index cannot answer). */
    private static final String ALL_TEXT = "FROM messages m JOIN content_text t ON t.content_id = m.content_id";
    /** The text of messages not yet in the trigram index, scanned beside the index lookup. */
    private static final String PENDING_TEXT = "FROM text_index_pending p JOIN content_text t ON t.content_id = p.content_id"
            + " JOIN messages m ON m.content_id = p.content_id";

    long[] search(long mailboxId, TextQuery q) {
        String needle = q.needle().toLowerCase(Locale.ROOT);
        String field = q.header() == null ? null : q.header().toLowerCase(Locale.ROOT);
        // The trigram index answers "col LIKE '%needle%'" for needles of 3+ characters; LIKE's own
        // wildcards in the needle would change its meaning, so those needles are scanned instead.
        boolean indexed = needle.codePointCount(0, needle.length()) >= 3 && needle.indexOf('%') < 0
                && needle.indexOf('_') < 0;
        String like = "%" + needle + "%";
        TreeSet<Long> out = new TreeSet<>();
        db.read(c -> {
            switch (q.where()) {
                case HEADER -> headerSearch(c, mailboxId, field, needle, indexed ? like : null, out);
                case BODY -> {
                    if (indexed) {
                        uids(c, mailboxId, "FROM content_fts f JOIN messages m ON m.content_id = f.rowid"
                                + " WHERE f.body LIKE ?1", like, out);
                    }
                    uids(c, mailboxId, (indexed ? PENDING_TEXT : ALL_TEXT) + " WHERE instr(t.body, ?1) > 0", needle, out);
                }
                case TEXT -> {
                    if (indexed) {
                        uids(c, mailboxId, "FROM content_fts f JOIN messages m ON m.content_id = f.rowid"
                                + " WHERE (f.body LIKE ?1 OR f.headers LIKE ?1)", like, out);
                    }
                    uids(c, mailboxId, (indexed ? PENDING_TEXT : ALL_TEXT)
                            + " WHERE (instr(t.body, ?1) > 0 OR instr(t.headers, ?1) > 0)", needle, out);
                }
            }
            return null;
        });
        if (q.where() != TextQuery.Where.HEADER) {
            beyondIndex(mailboxId, needle, out);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** Messages whose body text is longer than the index holds: searched in the message itself. */
    private void beyondIndex(long mailboxId, String needle, TreeSet<Long> out) {
        record Long1(long uid, String sha, byte[] data, byte[] structure) {}
        List<Long1> rows = db.read(c -> {
            List<Long1> list = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT m.uid, c.sha256, c.data, c.structure FROM content_text t"
                    + " JOIN messages m ON m.content_id = t.content_id JOIN contents c ON c.id = t.content_id"
                    + " WHERE t.truncated = 1 AND m.mailbox_id = ?")) {
                ps.setLong(1, mailboxId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!out.contains(rs.getLong(1))) {
                            list.add(new Long1(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4)));
                        }
                    }
                }
            }
            return list;
        });
        for (Long1 r : rows) {
            try {
                ByteBuffer bytes = r.data() != null ? ByteBuffer.wrap(r.data()) : blobs.buffer(r.sha());
                var root = org.tegami.mime.StructureCodec.decode(r.structure()).root();
                if (ContentIndex.bodyText(bytes, root, Integer.MAX_VALUE / 4).contains(needle)) {
                    out.add(r.uid());
                }
            } catch (IOException | RuntimeException e) {
                // unreadable message: it does not match
            }
        }
    }

    private static void uids(Connection c, long mailboxId, String fromWhere, String arg, TreeSet<Long> out)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT m.uid " + fromWhere + " AND m.mailbox_id = ?2")) {
            ps.setString(1, arg);
            ps.setLong(2, mailboxId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
    }

    /**
     * A header field containing the needle: candidates from the trigram index when the needle is
     * long enough, every message otherwise; the field itself is then checked line by line.
     */
    private static void headerSearch(Connection c, long mailboxId, String field, String needle, String like,
            TreeSet<Long> out) throws SQLException {
        if (like != null) {
            headerCandidates(c, "SELECT m.uid, f.headers FROM content_fts f JOIN messages m ON m.content_id = f.rowid"
                    + " WHERE f.headers LIKE ?1 AND m.mailbox_id = ?2", like, mailboxId, field, needle, out);
        }
        headerCandidates(c, "SELECT m.uid, t.headers " + (like != null ? PENDING_TEXT : ALL_TEXT)
                + " WHERE m.mailbox_id = ?2", null, mailboxId, field, needle, out);
    }

    private static void headerCandidates(Connection c, String sql, String like, long mailboxId, String field,
            String needle, TreeSet<Long> out) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (like != null) {
                ps.setString(1, like);
            }
            ps.setLong(2, mailboxId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (headerContains(rs.getString(2), field, needle)) {
                        out.add(rs.getLong(1));
                    }
                }
            }
        }
    }

    /** True if some "field: value" line has the needle in its value ("" = the field exists). */
    static boolean headerContains(String headers, String field, String needle) {
        String prefix = field + ": ";
        int pos = 0;
        while (pos < headers.length()) {
            int nl = headers.indexOf('\n', pos);
            int end = nl < 0 ? headers.length() : nl;
            if (headers.startsWith(prefix, pos) && (needle.isEmpty()
                    || headers.substring(pos + prefix.length(), end).contains(needle))) {
                return true;
            }
            pos = end + 1;
        }
        return false;
    }

    /**
     * Adds the oldest waiting texts, up to {@code max}, to the trigram index in one write
     * transaction; returns how many were added.
     */
    int indexPending(int max) {
        return db.write(tx -> {
            Connection c = tx.connection();
            long upTo;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT max(content_id) FROM (SELECT content_id FROM text_index_pending ORDER BY content_id LIMIT ?)")) {
                ps.setInt(1, max);
                try (ResultSet rs = ps.executeQuery()) {
                    upTo = rs.next() ? rs.getLong(1) : 0;
                    if (rs.wasNull()) {
                        return 0;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO content_fts (rowid, headers, body)"
                    + " SELECT t.content_id, t.headers, t.body FROM text_index_pending p"
                    + " JOIN content_text t ON t.content_id = p.content_id WHERE p.content_id <= ?")) {
                ps.setLong(1, upTo);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM text_index_pending WHERE content_id <= ?")) {
                ps.setLong(1, upTo);
                return ps.executeUpdate();
            }
        });
    }

    /** How many delivered texts wait for the trigram index. */
    long pendingCount() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM text_index_pending");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /** Indexes contents stored before the index existed (or delivered without one). */
    int indexMissing(BlobStore blobs, int max) {
        record Pending(long id, String sha, byte[] data) {}
        List<Pending> pending = db.read(c -> {
            List<Pending> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.sha256, c.data FROM contents c"
                    + " WHERE NOT EXISTS (SELECT 1 FROM content_keys k WHERE k.content_id = c.id) LIMIT ?")) {
                ps.setInt(1, max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Pending(rs.getLong(1), rs.getString(2), rs.getBytes(3)));
                    }
                }
            }
            return out;
        });
        int n = 0;
        for (Pending p : pending) {
            byte[] bytes = p.data;
            try {
                if (bytes == null) {
                    bytes = blobs.read(p.sha);
                }
            } catch (IOException e) {
                continue; // file gone: nothing to index (garbage collection will remove the row)
            }
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            ContentIndex ix = ContentIndex.of(buf, MimeParser.parse(buf, MimeLimits.DEFAULT));
            db.write(tx -> {
                insert(tx.connection(), p.id, ix);
                return null;
            });
            n++;
        }
        return n;
    }
}
