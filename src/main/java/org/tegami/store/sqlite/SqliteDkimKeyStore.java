package org.tegami.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tegami.store.DkimKeyStore;
import org.tegami.store.StoreException;

/** DKIM keys in SQLite (table dkim_keys of migration 003-mail-auth.sql). */
public final class SqliteDkimKeyStore implements DkimKeyStore {

    private static final String COLUMNS = "id, domain, selector, algorithm, private_sealed, public_txt, state, created_at,"
            + " retired_at";

    private final Database db;

    public SqliteDkimKeyStore(Database db) {
        this.db = db;
    }

    @Override
    public Key add(String domain, String selector, String algorithm, byte[] sealed, String publicTxt, State state, long now) {
        return db.write(tx -> {
            Connection c = tx.connection();
            if (state == State.ACTIVE) {
                retireActive(c, domain, algorithm, now);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dkim_keys (domain, selector, algorithm, private_sealed,"
                    + " public_txt, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, domain);
                ps.setString(2, selector);
                ps.setString(3, algorithm);
                ps.setBytes(4, sealed);
                ps.setString(5, publicTxt);
                ps.setString(6, state.keyword());
                ps.setLong(7, now);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return new Key(rs.getLong(1), domain, selector, algorithm, sealed, publicTxt, state, now, 0);
                }
            } catch (SQLException e) {
                StoreException se = Database.translate(e);
                if (se.kind() == StoreException.Kind.ALREADY_EXISTS) {
                    throw new StoreException(StoreException.Kind.ALREADY_EXISTS,
                            "selector " + selector + " exists already for " + domain, e);
                }
                throw se;
            }
        });
    }

    private static void retireActive(Connection c, String domain, String algorithm, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE dkim_keys SET state = 'retired', retired_at = ?"
                + " WHERE domain = ? AND algorithm = ? AND state = 'active'")) {
            ps.setLong(1, now);
            ps.setString(2, domain);
            ps.setString(3, algorithm);
            ps.executeUpdate();
        }
    }

    @Override
    public List<Key> keys(String domain) {
        return db.read(c -> {
            String sql = "SELECT " + COLUMNS + " FROM dkim_keys" + (domain == null ? "" : " WHERE domain = ?")
                    + " ORDER BY domain, created_at DESC, id DESC";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (domain != null) {
                    ps.setString(1, domain);
                }
                return list(ps);
            }
        });
    }

    @Override
    public Optional<Key> key(String domain, String selector) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dkim_keys WHERE domain = ? AND selector = ?")) {
                ps.setString(1, domain);
                ps.setString(2, selector);
                List<Key> found = list(ps);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    @Override
    public boolean activate(String domain, String selector, long now) {
        Optional<Key> k = key(domain, selector);
        if (k.isEmpty()) {
            return false;
        }
        return db.write(tx -> {
            retireActive(tx.connection(), domain, k.get().algorithm(), now);
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "UPDATE dkim_keys SET state = 'active', retired_at = NULL WHERE domain = ? AND selector = ?")) {
                ps.setString(1, domain);
                ps.setString(2, selector);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean remove(String domain, String selector) {
        return db.write(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement("DELETE FROM dkim_keys WHERE domain = ? AND selector = ?")) {
                ps.setString(1, domain);
                ps.setString(2, selector);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static List<Key> list(PreparedStatement ps) throws SQLException {
        List<Key> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Key(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBytes(5),
                        rs.getString(6), State.valueOf(rs.getString(7).toUpperCase(Locale.ROOT)), rs.getLong(8), rs.getLong(9)));
            }
        }
        return out;
    }
}
