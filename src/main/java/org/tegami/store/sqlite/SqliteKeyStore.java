package org.tegami.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tegami.store.KeyStore;

/** Keys, trust anchors and gateway settings in SQLite (migration 004-crypto.sql). */
final class SqliteKeyStore implements KeyStore {

    private static final String KEY_COLUMNS = "id, address, kind, fingerprint, public_data, sealed_private, trust, source, "
            + "created_at, updated_at";

    private final Database db;

    SqliteKeyStore(Database db) {
        this.db = db;
    }

    @Override
    public StoredKey putKey(NewKey k) {
        return db.write(tx -> {
            Connection c = tx.connection();
            long now = System.currentTimeMillis();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO crypto_keys (address, kind, fingerprint, public_data,"
                    + " sealed_private, trust, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (address, fingerprint) DO UPDATE SET kind = excluded.kind, public_data = excluded.public_data,"
                    + " sealed_private = excluded.sealed_private, trust = excluded.trust, source = excluded.source,"
                    + " updated_at = excluded.updated_at")) {
                ps.setString(1, k.address());
                ps.setString(2, word(k.kind()));
                ps.setString(3, k.fingerprint());
                ps.setBytes(4, k.publicData());
                if (k.sealedPrivate() == null) {
                    ps.setNull(5, Types.BLOB);
                } else {
                    ps.setBytes(5, k.sealedPrivate());
                }
                ps.setString(6, word(k.trust()));
                ps.setString(7, word(k.source()));
                ps.setLong(8, now);
                ps.setLong(9, now);
                ps.executeUpdate();
            }
            return find(c, k.address(), k.fingerprint()).orElseThrow();
        });
    }

    @Override
    public List<StoredKey> keys(String addressOrNull) {
        return db.read(c -> {
            String sql = "SELECT " + KEY_COLUMNS + " FROM crypto_keys" + (addressOrNull == null ? "" : " WHERE address = ?")
                    + " ORDER BY address, created_at, id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (addressOrNull != null) {
                    ps.setString(1, addressOrNull);
                }
                return list(ps);
            }
        });
    }

    @Override
    public List<StoredKey> keys(Kind kind) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + KEY_COLUMNS + " FROM crypto_keys WHERE kind = ?"
                    + " ORDER BY address, created_at, id")) {
                ps.setString(1, word(kind));
                return list(ps);
            }
        });
    }

    @Override
    public Optional<StoredKey> key(String address, String fingerprint) {
        return db.read(c -> find(c, address, fingerprint));
    }

    @Override
    public boolean removeKey(String address, String fingerprint) {
        return db.write(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "DELETE FROM crypto_keys WHERE address = ? AND fingerprint = ?")) {
                ps.setString(1, address);
                ps.setString(2, fingerprint);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean addTrustAnchor(TrustAnchor a) {
        return db.write(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO crypto_trust_anchors (fingerprint, subject,"
                    + " der, added_at) VALUES (?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING")) {
                ps.setString(1, a.fingerprint());
                ps.setString(2, a.subject());
                ps.setBytes(3, a.der());
                ps.setLong(4, a.addedAt());
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean removeTrustAnchor(String fingerprint) {
        return db.write(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement("DELETE FROM crypto_trust_anchors WHERE fingerprint = ?")) {
                ps.setString(1, fingerprint);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<TrustAnchor> trustAnchors() {
        return db.read(c -> {
            List<TrustAnchor> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT fingerprint, subject, der, added_at FROM crypto_trust_anchors ORDER BY added_at, fingerprint");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TrustAnchor(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getLong(4)));
                }
            }
            return out;
        });
    }

    @Override
    public Optional<Settings> settings(String scope) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT scope, sign, encrypt, decrypt, at_rest_key FROM crypto_settings WHERE scope = ?")) {
                ps.setString(1, scope);
                List<Settings> l = settingsList(ps);
                return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
            }
        });
    }

    @Override
    public void putSettings(Settings s) {
        db.write(tx -> {
            Connection c = tx.connection();
            if (s.sign() == null && s.encrypt() == null && s.decrypt() == null && s.atRestKey() == null) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM crypto_settings WHERE scope = ?")) {
                    ps.setString(1, s.scope());
                    ps.executeUpdate();
                }
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO crypto_settings (scope, sign, encrypt, decrypt, at_rest_key,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (scope) DO UPDATE SET sign = excluded.sign,"
                    + " encrypt = excluded.encrypt, decrypt = excluded.decrypt, at_rest_key = excluded.at_rest_key,"
                    + " updated_at = excluded.updated_at")) {
                ps.setString(1, s.scope());
                ps.setString(2, s.sign());
                ps.setString(3, s.encrypt());
                if (s.decrypt() == null) {
                    ps.setNull(4, Types.INTEGER);
                } else {
                    ps.setInt(4, s.decrypt() ? 1 : 0);
                }
                ps.setString(5, s.atRestKey());
                ps.setLong(6, System.currentTimeMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Settings> allSettings() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT scope, sign, encrypt, decrypt, at_rest_key FROM crypto_settings ORDER BY scope")) {
                return settingsList(ps);
            }
        });
    }

    @Override
    public long generation() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT n FROM crypto_generation"); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    private static Optional<StoredKey> find(Connection c, String address, String fingerprint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + KEY_COLUMNS + " FROM crypto_keys WHERE address = ? AND fingerprint = ?")) {
            ps.setString(1, address);
            ps.setString(2, fingerprint);
            List<StoredKey> l = list(ps);
            return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
        }
    }

    private static List<StoredKey> list(PreparedStatement ps) throws SQLException {
        List<StoredKey> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredKey(rs.getLong(1), rs.getString(2), Kind.valueOf(upper(rs.getString(3))), rs.getString(4),
                        rs.getBytes(5), rs.getBytes(6), Trust.valueOf(upper(rs.getString(7))), Source.valueOf(upper(rs.getString(8))),
                        rs.getLong(9), rs.getLong(10)));
            }
        }
        return out;
    }

    private static List<Settings> settingsList(PreparedStatement ps) throws SQLException {
        List<Settings> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int d = rs.getInt(4);
                Boolean decrypt = rs.wasNull() ? null : d != 0;
                out.add(new Settings(rs.getString(1), rs.getString(2), rs.getString(3), decrypt, rs.getString(5)));
            }
        }
        return out;
    }

    private static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
