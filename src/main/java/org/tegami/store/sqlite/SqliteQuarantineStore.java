package org.tegami.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tegami.store.QuarantineStore;

/** The quarantine in SQLite (table of migration 003-threat.sql); bytes live in contents like a mailbox message's. */
final class SqliteQuarantineStore implements QuarantineStore {

    private static final String COLUMNS = "q.id, c.sha256, c.size, q.kind, q.sender, q.recipients, q.from_header,"
            + " q.subject, q.verdict, q.details, q.created_at";

    private final Database db;

    SqliteQuarantineStore(Database db) {
        this.db = db;
    }

    @Override
    public long add(NewEntry e) {
        return db.write(tx -> {
            if (e.blob().directory() != null) {
                tx.syncBeforeCommit(e.blob().directory());
            }
            Connection c = tx.connection();
            long contentId = Contents.upsert(c, e.blob(), e.structure());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO quarantine (content_id, kind, sender, recipients,"
                    + " from_header, subject, verdict, details, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, contentId);
                ps.setString(2, e.kind().name().toLowerCase(Locale.ROOT));
                ps.setString(3, e.sender());
                ps.setString(4, String.join("\n", e.recipients()));
                ps.setString(5, e.from());
                ps.setString(6, e.subject());
                ps.setString(7, e.verdict());
                ps.setString(8, e.details());
                ps.setLong(9, e.createdAt());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public List<Entry> list() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM quarantine q JOIN contents c ON c.id = q.content_id ORDER BY q.id")) {
                return entries(ps);
            }
        });
    }

    @Override
    public Optional<Entry> get(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM quarantine q JOIN contents c ON c.id = q.content_id WHERE q.id = ?")) {
                ps.setLong(1, id);
                return entries(ps).stream().findFirst();
            }
        });
    }

    @Override
    public boolean remove(long id) {
        return db.write(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement("DELETE FROM quarantine WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static List<Entry> entries(PreparedStatement ps) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String rcpts = rs.getString(6);
                out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        Kind.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)), rs.getString(5),
                        rcpts.isEmpty() ? List.of() : Arrays.asList(rcpts.split("\n")), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getLong(11)));
            }
        }
        return out;
    }
}
