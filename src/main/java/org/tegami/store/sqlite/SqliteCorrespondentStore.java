package org.tegami.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.tegami.store.CorrespondentStore;

/** Correspondents in SQLite (table of migration 003-threat.sql): one row per account and address. */
final class SqliteCorrespondentStore implements CorrespondentStore {

    private final Database db;

    SqliteCorrespondentStore(Database db) {
        this.db = db;
    }

    @Override
    public void record(List<Observation> observations, long now) {
        if (observations.isEmpty()) {
            return;
        }
        db.write(tx -> {
            // INSERT ... SELECT ... WHERE EXISTS: an account deleted meanwhile is skipped, not a failure.
            try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO correspondents (account_id, address,"
                    + " domain, received, sent, last_seen) SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM accounts WHERE id = ?)"
                    + " ON CONFLICT (account_id, address) DO UPDATE SET received = received + excluded.received,"
                    + " sent = sent + excluded.sent, last_seen = excluded.last_seen")) {
                for (Observation o : observations) {
                    ps.setLong(1, o.accountId());
                    ps.setString(2, o.address());
                    ps.setString(3, o.domain());
                    ps.setInt(4, o.sent() ? 0 : 1);
                    ps.setInt(5, o.sent() ? 1 : 0);
                    ps.setLong(6, now);
                    ps.setLong(7, o.accountId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Counts address(String address) {
        return counts("SELECT sum(received), sum(sent) FROM correspondents WHERE address = ?", address);
    }

    @Override
    public Counts domain(String domain) {
        return counts("SELECT sum(received), sum(sent) FROM correspondents WHERE domain = ?", domain);
    }

    private Counts counts(String sql, String key) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Counts(rs.getLong(1), rs.getLong(2)) : Counts.NONE;
                }
            }
        });
    }

    @Override
    public List<DomainCounts> frequentDomains(int minReceived, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT domain, sum(received) r, sum(sent) s FROM correspondents"
                    + " GROUP BY domain HAVING s > 0 OR r >= ? ORDER BY s * 3 + r DESC, domain LIMIT ?")) {
                ps.setInt(1, minReceived);
                ps.setInt(2, limit);
                List<DomainCounts> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DomainCounts(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public boolean isEmpty() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM correspondents)");
                    ResultSet rs = ps.executeQuery()) {
                return !rs.next() || rs.getInt(1) == 0;
            }
        });
    }
}
