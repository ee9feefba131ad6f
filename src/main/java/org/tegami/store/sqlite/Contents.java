package org.tegami.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.tegami.store.BlobStore;

/**
 * The contents table: one row per distinct message content, referenced by mailbox messages (and
 * by any other owner of message bytes, such as the outbound queue). Inline blobs keep their bytes
 * in {@code data}; file blobs have {@code data} NULL.
 */
public final class Contents {

    private Contents() {}

    /** Returns the id of the content with this blob's hash, inserting it (and inline bytes) if new. */
    public static long upsert(Connection c, BlobStore.Blob blob, byte[] structure) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, data IS NULL FROM contents WHERE sha256 = ?")) {
            ps.setString(1, blob.sha256());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long id = rs.getLong(1);
                    if (rs.getBoolean(2) && blob.isInline()) {
                        // The row knows only a file; a crash may have removed it since: keep these bytes too.
                        try (PreparedStatement up = c.prepareStatement("UPDATE contents SET data = ? WHERE id = ?")) {
                            up.setBytes(1, blob.inline());
                            up.setLong(2, id);
                            up.executeUpdate();
                        }
                    }
                    return id;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO contents (sha256, size, structure, data, created_at) VALUES (?, ?, ?, ?, ?)",
                java.sql.Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, blob.sha256());
            ps.setLong(2, blob.size());
            ps.setBytes(3, structure);
            ps.setBytes(4, blob.inline());
            ps.setLong(5, System.currentTimeMillis());
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The inline bytes of a content, or null if it is a file (or unknown). Run for every message
     * retrieved (POP3 RETR), so on a statement each read connection keeps.
     */
    static byte[] inline(Database db, String sha256) {
        return db.query("SELECT data FROM contents WHERE sha256 = ?", ps -> {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        });
    }
}
