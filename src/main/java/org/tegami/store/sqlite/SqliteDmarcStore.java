package org.tegami.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.tegami.dmarc.AggregateReport;
import org.tegami.dmarc.DmarcRecord;
import org.tegami.store.DmarcStore;
import org.tegami.store.StoreException;

/**
 * DMARC reporting state in SQLite (tables dmarc_evaluations and dmarc_reports_received of migration
 * 003-mail-auth.sql). The lists inside a report row are kept as tab-separated lines.
 */
public final class SqliteDmarcStore implements DmarcStore {

    private static final String EVAL_COLUMNS = "evaluated_at, policy_domain, rua, policy, source_ip, header_from,"
            + " envelope_from, disposition, dkim, spf, reasons, auth_results";
    private static final String REPORT_COLUMNS = "id, received_at, org_name, email, report_id, policy_domain, begin_at,"
            + " end_at, authenticated, xml_gz";

    private final Database db;

    public SqliteDmarcStore(Database db) {
        this.db = db;
    }

    @Override
    public void record(List<Evaluation> evaluations) {
        if (evaluations.isEmpty()) {
            return;
        }
        db.write(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO dmarc_evaluations (" + EVAL_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Evaluation e : evaluations) {
                    bind(ps, e);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private static void bind(PreparedStatement ps, Evaluation e) throws SQLException {
        AggregateReport.Row r = e.row();
        AggregateReport.PolicyPublished p = e.policy();
        ps.setLong(1, e.evaluatedAt());
        ps.setString(2, e.policyDomain());
        ps.setString(3, RowCodec.rua(e.rua()));
        ps.setString(4, RowCodec.line(p.adkim(), p.aspf(), p.p(), p.sp(), String.valueOf(p.pct()), p.np(), p.fo()));
        ps.setString(5, r.sourceIp());
        ps.setString(6, r.headerFrom());
        ps.setString(7, r.envelopeFrom());
        ps.setString(8, r.disposition());
        ps.setString(9, r.dkim());
        ps.setString(10, r.spf());
        ps.setString(11, RowCodec.reasons(r.reasons()));
        ps.setString(12, RowCodec.auth(r.dkimResults(), r.spfResults()));
    }

    @Override
    public List<String> domainsWithEvaluationsBefore(long before) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT policy_domain FROM dmarc_evaluations WHERE evaluated_at < ? ORDER BY policy_domain")) {
                ps.setLong(1, before);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<Evaluation> evaluations(String policyDomain, long from, long before) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + EVAL_COLUMNS + " FROM dmarc_evaluations"
                    + " WHERE policy_domain = ? AND evaluated_at >= ? AND evaluated_at < ? ORDER BY evaluated_at, id")) {
                ps.setString(1, policyDomain);
                ps.setLong(2, from);
                ps.setLong(3, before);
                List<Evaluation> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(evaluation(rs));
                    }
                }
                return out;
            }
        });
    }

    private static Evaluation evaluation(ResultSet rs) throws SQLException {
        String domain = rs.getString(2);
        List<String> p = RowCodec.fields(rs.getString(4));
        AggregateReport.PolicyPublished policy = new AggregateReport.PolicyPublished(domain, p.get(0), p.get(1), p.get(2),
                p.get(3), Integer.parseInt(p.get(4)), p.get(5), p.get(6));
        String auth = rs.getString(12);
        AggregateReport.Row row = new AggregateReport.Row(rs.getString(5), 1, rs.getString(8), rs.getString(9),
                rs.getString(10), RowCodec.parseReasons(rs.getString(11)), rs.getString(6), rs.getString(7), null,
                RowCodec.parseDkim(auth), RowCodec.parseSpf(auth));
        return new Evaluation(rs.getLong(1), domain, RowCodec.parseRua(rs.getString(3)), policy, row);
    }

    @Override
    public int deleteEvaluations(String policyDomain, long before) {
        return db.write(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "DELETE FROM dmarc_evaluations WHERE policy_domain = ? AND evaluated_at < ?")) {
                ps.setString(1, policyDomain);
                ps.setLong(2, before);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean addReceived(ReceivedReport r) {
        return db.write(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO dmarc_reports_received (received_at,"
                    + " org_name, email, report_id, policy_domain, begin_at, end_at, authenticated, xml_gz)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, r.receivedAt());
                ps.setString(2, r.orgName());
                ps.setString(3, r.email());
                ps.setString(4, r.reportId());
                ps.setString(5, r.policyDomain());
                ps.setLong(6, r.begin());
                ps.setLong(7, r.end());
                ps.setInt(8, r.authenticated() ? 1 : 0);
                ps.setBytes(9, r.xmlGz());
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (Database.translate(e).kind() == StoreException.Kind.ALREADY_EXISTS) {
                    return false; // the same report again (RFC 7489 §7.2.1: report_id is unique per reporter)
                }
                throw Database.translate(e);
            }
        });
    }

    @Override
    public List<ReceivedReport> received(String policyDomain, long sinceEpochSeconds) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + REPORT_COLUMNS + " FROM dmarc_reports_received"
                    + " WHERE policy_domain = ? AND end_at >= ? ORDER BY begin_at, id")) {
                ps.setString(1, policyDomain);
                ps.setLong(2, sinceEpochSeconds);
                List<ReceivedReport> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ReceivedReport(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getInt(9) != 0,
                                rs.getBytes(10)));
                    }
                }
                return out;
            }
        });
    }

    /** Tab-separated lines for the lists in a report row; tabs, line breaks and backslashes escaped. */
    static final class RowCodec {
        private RowCodec() {}

        static String line(String... values) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < values.length; i++) {
                sb.append(i == 0 ? "" : "\t").append(escape(values[i]));
            }
            return sb.toString();
        }

        static List<String> fields(String line) {
            List<String> out = new ArrayList<>();
            for (String f : line.split("\t", -1)) {
                out.add(unescape(f));
            }
            return out;
        }

        static String rua(List<DmarcRecord.ReportUri> rua) {
            List<String> lines = new ArrayList<>();
            rua.forEach(u -> lines.add(line(u.uri(), String.valueOf(u.maxBytes()))));
            return String.join("\n", lines);
        }

        static List<DmarcRecord.ReportUri> parseRua(String text) {
            List<DmarcRecord.ReportUri> out = new ArrayList<>();
            for (List<String> f : lines(text)) {
                out.add(new DmarcRecord.ReportUri(f.get(0), Long.parseLong(f.get(1))));
            }
            return out;
        }

        static String reasons(List<AggregateReport.Reason> reasons) {
            List<String> lines = new ArrayList<>();
            reasons.forEach(r -> lines.add(line(r.type(), r.comment())));
            return String.join("\n", lines);
        }

        static List<AggregateReport.Reason> parseReasons(String text) {
            List<AggregateReport.Reason> out = new ArrayList<>();
            for (List<String> f : lines(text)) {
                out.add(new AggregateReport.Reason(f.get(0), f.get(1)));
            }
            return out;
        }

        static String auth(List<AggregateReport.DkimAuth> dkim, List<AggregateReport.SpfAuth> spf) {
            List<String> lines = new ArrayList<>();
            dkim.forEach(d -> lines.add(line("dkim", d.domain(), d.selector(), d.result(), d.humanResult())));
            spf.forEach(s -> lines.add(line("spf", s.domain(), s.scope(), s.result())));
            return String.join("\n", lines);
        }

        static List<AggregateReport.DkimAuth> parseDkim(String text) {
            List<AggregateReport.DkimAuth> out = new ArrayList<>();
            for (List<String> f : lines(text)) {
                if (f.get(0).equals("dkim")) {
                    out.add(new AggregateReport.DkimAuth(f.get(1), f.get(2), f.get(3), f.get(4)));
                }
            }
            return out;
        }

        static List<AggregateReport.SpfAuth> parseSpf(String text) {
            List<AggregateReport.SpfAuth> out = new ArrayList<>();
            for (List<String> f : lines(text)) {
                if (f.get(0).equals("spf")) {
                    out.add(new AggregateReport.SpfAuth(f.get(1), f.get(2), f.get(3)));
                }
            }
            return out;
        }

        private static List<List<String>> lines(String text) {
            List<List<String>> out = new ArrayList<>();
            if (text == null || text.isEmpty()) {
                return out;
            }
            for (String l : text.split("\n")) {
                out.add(fields(l));
            }
            return out;
        }

        /** null is written as a lone "\0" marker so it comes back as null, not "". */
        private static String escape(String v) {
            if (v == null) {
                return "\\0";
            }
            return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        }

        private static String unescape(String v) {
            if (v.equals("\\0")) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < v.length(); i++) {
                char ch = v.charAt(i);
                if (ch == '\\' && i + 1 < v.length()) {
                    char n = v.charAt(++i);
                    sb.append(switch (n) {
                        case 't' -> '\t';
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        default -> n;
                    });
                } else {
                    sb.append(ch);
                }
            }
            return sb.toString();
        }
    }
}
