package org.tegami.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tegami.store.Account;
import org.tegami.store.Alias;
import org.tegami.store.Credentials;
import org.tegami.store.DirectoryStore;
import org.tegami.store.Mailbox;
import org.tegami.store.StoreException;

/** Domains, accounts and aliases in SQLite. */
final class SqliteDirectoryStore implements DirectoryStore {

    /** Mailboxes every account starts with, and their RFC 6154 roles. */
    static final String[][] DEFAULT_MAILBOXES = {
        {Mailbox.INBOX, null},
        {"Drafts", "\\Drafts"},
        {"Sent", "\\Sent"},
        {"Trash", "\\Trash"},
        {"Junk", "\\Junk"},
        {"Archive", "\\Archive"},
    };

    private static final String ACCOUNT_COLUMNS = "a.id, a.address, d.name, a.display_name, a.password_hash, "
            + "a.scram_sha256, a.cram_md5, a.allow_any_sender, a.quota_bytes, a.disabled";

    private final Database db;

    SqliteDirectoryStore(Database db) {
        this.db = db;
    }

    @Override
    public void addDomain(String domain) {
        db.write(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "INSERT INTO domains (name, created_at) VALUES (?, ?)")) {
                ps.setString(1, domain);
                ps.setLong(2, System.currentTimeMillis());
                ps.executeUpdate();
            } catch (SQLException e) {
                throw alreadyExists(e, "domain " + domain + " exists already");
            }
            return null;
        });
    }

    @Override
    public boolean removeDomain(String domain) {
        return db.write(tx -> {
            Connection c = tx.connection();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM accounts a JOIN domains d ON a.domain_id = d.id WHERE d.name = ?")) {
                ps.setString(1, domain);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        throw new StoreException(StoreException.Kind.INVALID,
                                "domain " + domain + " still has accounts; remove them first");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM domains WHERE name = ?")) {
                ps.setString(1, domain);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<String> domains() {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM domains ORDER BY name");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    @Override
    public boolean isLocalDomain(String domain) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM domains WHERE name = ?")) {
                ps.setString(1, domain);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public Account addAccount(String address, String displayName, Credentials credentials, boolean allowAnySender) {
        String domain = address.substring(address.lastIndexOf('@') + 1);
        long id = db.write(tx -> {
            Connection c = tx.connection();
            long domainId;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM domains WHERE name = ?")) {
                ps.setString(1, domain);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StoreException(StoreException.Kind.NOT_FOUND,
                                "domain " + domain + " is not a local domain; add it first with: tegami domain add " + domain);
                    }
                    domainId = rs.getLong(1);
                }
            }
            long accountId;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO accounts (address, domain_id, display_name, password_hash, scram_sha256, cram_md5,"
                            + " allow_any_sender, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, address);
                ps.setLong(2, domainId);
                ps.setString(3, displayName);
                ps.setString(4, credentials.passwordHash());
                ps.setString(5, credentials.scramSha256());
                ps.setString(6, credentials.cramMd5());
                ps.setInt(7, allowAnySender ? 1 : 0);
                ps.setLong(8, System.currentTimeMillis());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    accountId = rs.getLong(1);
                }
            } catch (SQLException e) {
                throw alreadyExists(e, "account " + address + " exists already");
            }
            for (String[] mb : DEFAULT_MAILBOXES) {
                SqliteMailStore.insertMailbox(c, accountId, mb[0], mb[1]);
            }
            return accountId;
        });
        return accountById(id).orElseThrow();
    }

    @Override
    public Optional<Account> account(String address) {
        return findAccount("a.address = ?", address);
    }

    @Override
    public Optional<Account> accountById(long id) {
        return findAccount("a.id = ?", id);
    }

    private Optional<Account> findAccount(String where, Object arg) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS
                    + " FROM accounts a JOIN domains d ON a.domain_id = d.id WHERE " + where)) {
                ps.setObject(1, arg);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(account(rs)) : Optional.<Account>empty();
                }
            }
        });
    }

    @Override
    public List<Account> accounts(String domainOrNull) {
        return db.read(c -> {
            String sql = "SELECT " + ACCOUNT_COLUMNS + " FROM accounts a JOIN domains d ON a.domain_id = d.id"
                    + (domainOrNull == null ? "" : " WHERE d.name = ?") + " ORDER BY a.address";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (domainOrNull != null) {
                    ps.setString(1, domainOrNull);
                }
                List<Account> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(account(rs));
                    }
                }
                return out;
            }
        });
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                new Credentials(rs.getString(5), rs.getString(6), rs.getString(7)),
                rs.getInt(8) != 0, rs.getLong(9), rs.getInt(10) != 0);
    }

    @Override
    public void setCredentials(String address, Credentials credentials) {
        update("UPDATE accounts SET password_hash = ?, scram_sha256 = ?, cram_md5 = ? WHERE address = ?",
                address, credentials.passwordHash(), credentials.scramSha256(), credentials.cramMd5(), address);
    }

    @Override
    public void setDisplayName(String address, String displayName) {
        update("UPDATE accounts SET display_name = ? WHERE address = ?", address, displayName, address);
    }

    @Override
    public void setQuota(String address, long quotaBytes) {
        update("UPDATE accounts SET quota_bytes = ? WHERE address = ?", address, quotaBytes, address);
    }

    private void update(String sql, String address, Object... args) {
        int n = db.write(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                return ps.executeUpdate();
            }
        });
        if (n == 0) {
            throw new StoreException(StoreException.Kind.NOT_FOUND, "no account " + address);
        }
    }

    @Override
    public boolean removeAccount(String address) {
        return db.write(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement("DELETE FROM accounts WHERE address = ?")) {
                ps.setString(1, address);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void addAlias(String source, String target) {
        db.write(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "INSERT INTO aliases (source, target, created_at) VALUES (?, ?, ?)")) {
                ps.setString(1, source);
                ps.setString(2, target);
                ps.setLong(3, System.currentTimeMillis());
                ps.executeUpdate();
            } catch (SQLException e) {
                throw alreadyExists(e, "alias " + source + " -> " + target + " exists already");
            }
            return null;
        });
    }

    @Override
    public boolean removeAlias(String source, String target) {
        return db.write(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "DELETE FROM aliases WHERE source = ? AND (target = ? OR ? IS NULL)")) {
                ps.setString(1, source);
                ps.setString(2, target);
                ps.setString(3, target);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<String> aliasTargets(String source) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT target FROM aliases WHERE source = ? ORDER BY id")) {
                ps.setString(1, source);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<Alias> aliases(String domainOrNull) {
        return db.read(c -> {
            String sql = "SELECT source, target FROM aliases"
                    + (domainOrNull == null ? "" : " WHERE source LIKE ? ESCAPE '\\'") + " ORDER BY source, target";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (domainOrNull != null) {
                    ps.setString(1, "%@" + domainOrNull.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"));
                }
                List<Alias> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Alias(rs.getString(1), rs.getString(2)));
                    }
                }
                return out;
            }
        });
    }

    private static RuntimeException alreadyExists(SQLException e, String message) {
        StoreException se = Database.translate(e);
        if (se.kind() == StoreException.Kind.ALREADY_EXISTS) {
            return new StoreException(StoreException.Kind.ALREADY_EXISTS, message, e);
        }
        return se;
    }
}
