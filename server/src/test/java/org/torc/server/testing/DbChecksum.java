package org.torc.server.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.torc.server.db.Database;

/** A digest of every row of every table, per table, to show that requests changed nothing. */
public final class DbChecksum {
    private DbChecksum() {
    }

    public static Map<String, String> of(Database db) {
        return db.read(sql -> {
            List<String> tables = sql.query("""
                    SELECT name FROM sqlite_master
                    WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name""",
                    rs -> rs.getString(1));
            Map<String, String> out = new TreeMap<>();
            for (String table : tables) {
                MessageDigest sha = sha256();
                long rows = 0;
                try (Statement st = sql.connection().createStatement();
                        ResultSet rs = st.executeQuery("SELECT * FROM \"" + table
                                + "\" ORDER BY rowid")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        rows++;
                        for (int c = 1; c <= columns; c++) {
                            String v = rs.getString(c);
                            sha.update((v == null ? "\u0000null" : v).getBytes(
                                    StandardCharsets.UTF_8));
                            sha.update((byte) 0x1f);
                        }
                        sha.update((byte) 0x1e);
                    }
                }
                out.put(table, rows + " rows " + HexFormat.of().formatHex(sha.digest(), 0, 8));
            }
            return out;
        });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tables whose digest differs between two checksums. */
    public static List<String> changed(Map<String, String> before, Map<String, String> after) {
        List<String> out = new ArrayList<>();
        for (String table : after.keySet()) {
            if (!after.get(table).equals(before.get(table))) {
                out.add(table + ": " + before.get(table) + " -> " + after.get(table));
            }
        }
        return out;
    }
}
