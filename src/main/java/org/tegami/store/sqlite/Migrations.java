package org.tegami.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Versioned schema migrations, run at start (DESIGN.md). Scripts live in
 * {@code migrations/NNN-name.sql} and are listed in {@code migrations/index.txt} in order; the
 * database records the number of the last one applied. A database newer than this program is
 * refused rather than guessed at.
 */
final class Migrations {

    private static final String BASE = "/org/tegami/store/sqlite/migrations/";

    private Migrations() {}

    static void run(Connection c) throws SQLException {
        List<String> scripts = index();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int current = 0;
            try (ResultSet rs = st.executeQuery("SELECT max(version) FROM schema_version")) {
                if (rs.next()) {
                    current = rs.getInt(1);
                }
            }
            if (current > scripts.size()) {
                throw new SQLException("the database has schema version " + current
                        + " but this Tegami knows only up to " + scripts.size() + "; use a newer Tegami");
            }
            for (int v = current + 1; v <= scripts.size(); v++) {
                String name = scripts.get(v - 1);
                st.execute("BEGIN IMMEDIATE");
                try {
                    for (String sql : statements(read(name))) {
                        st.execute(sql);
                    }
                    st.execute("INSERT INTO schema_version (version) VALUES (" + v + ")");
                    st.execute("COMMIT");
                } catch (SQLException e) {
                    st.execute("ROLLBACK");
                    throw new SQLException("migration " + name + " failed: " + e.getMessage(), e);
                }
            }
        }
    }

    private static List<String> index() {
        List<String> out = new ArrayList<>();
        for (String line : read("index.txt").split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(t);
            }
        }
        return out;
    }

    private static String read(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Splits a script into statements at ';' line ends, keeping trigger bodies (BEGIN..END;) whole. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) {
                continue;
            }
            cur.append(line).append('\n');
            String upper = t.toUpperCase(java.util.Locale.ROOT);
            if (upper.endsWith("BEGIN")) {
                depth++;
            }
            if (t.endsWith(";")) {
                if (depth > 0 && upper.startsWith("END")) {
                    depth--;
                }
                if (depth == 0) {
                    out.add(cur.toString().strip());
                    cur.setLength(0);
                }
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }
}
