package org.torc.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The users of an htpasswd file, as torc reads it: one {@code user:hash} entry per line with a
 * bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}); blank lines and lines starting with
 * {@code #} are skipped. A malformed entry, a user listed twice or a file without users is an
 * error when the file is loaded, not at the first login.
 */
public final class Htpasswd {
    /** bcrypt's modular crypt format: version, two-digit cost, 22 characters salt, 31 hash. */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    /**
     * The longest password we hash: bcrypt keys on at most 72 bytes including a terminating zero,
     * so longer passwords would be cut silently.
     */
    public static final int MAX_PASSWORD_BYTES = 71;
    public static final int MIN_COST = 4;
    public static final int MAX_COST = 31;

    private static final BCrypt.Verifyer VERIFYER = BCrypt.verifyer(BCrypt.Version.VERSION_2B,
            LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2B));

    private final Map<String, String> hashes;

    private Htpasswd(Map<String, String> hashes) {
        this.hashes = Collections.unmodifiableMap(hashes);
    }

    /** @throws IllegalArgumentException naming the file and line when it cannot be used */
    public static Htpasswd load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read htpasswd file " + file + ": "
                    + e.getMessage(), e);
        }
        try {
            Htpasswd h = parse(lines);
            if (h.size() == 0) {
                throw new IllegalArgumentException("it lists no users");
            }
            return h;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid htpasswd file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** The entries of {@code lines}; may be empty. */
    public static Htpasswd parse(List<String> lines) {
        Map<String, String> hashes = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Entry e = entry(lines.get(i), i + 1);
            if (e == null) {
                continue;
            }
            Integer earlier = lineOf.putIfAbsent(e.user(), i + 1);
            if (earlier != null) {
                throw new IllegalArgumentException("user '" + e.user() + "' is listed twice "
                        + "(lines " + earlier + " and " + (i + 1) + ")");
            }
            hashes.put(e.user(), e.hash());
        }
        return new Htpasswd(hashes);
    }

    /** One {@code user:hash} line; null for blank lines and comments. */
    record Entry(String user, String hash) {
    }

    static Entry entry(String rawLine, int lineNumber) {
        String line = rawLine.strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("line " + lineNumber
                    + " is not of the form user:hash");
        }
        String user = line.substring(0, colon).strip();
        String hash = line.substring(colon + 1).strip();
        if (user.isEmpty()) {
            throw new IllegalArgumentException("line " + lineNumber + " has an empty user name");
        }
        // Says which user, never what the (possibly mistyped) hash looked like.
        if (!BCRYPT.matcher(hash).matches()) {
            throw new IllegalArgumentException("the password of user '" + user + "' (line "
                    + lineNumber + ") is not a bcrypt hash ($2a$, $2b$ or $2y$)");
        }
        return new Entry(user, hash);
    }

    public int size() {
        return hashes.size();
    }

    public boolean hasUser(String user) {
        return hashes.containsKey(user);
    }

    /** The user names in file order. */
    public List<String> users() {
        return new ArrayList<>(hashes.keySet());
    }

    /** True only when {@code user} is listed and {@code password} matches its hash. Slow (bcrypt). */
    public boolean verify(String user, String password) {
        String hash = hashes.get(user);
        return hash != null && matches(password, hash);
    }

    /** Whether {@code password} matches a bcrypt {@code hash}; a malformed hash never matches. */
    public static boolean matches(String password, String hash) {
        try {
            return VERIFYER.verify(password.getBytes(StandardCharsets.UTF_8),
                    hash.getBytes(StandardCharsets.US_ASCII)).verified;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A new {@code $2b$} hash of {@code password} with a random salt. */
    public static String hash(String password, int cost) {
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException("cost must be between " + MIN_COST + " and "
                    + MAX_COST);
        }
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("passwords longer than " + MAX_PASSWORD_BYTES
                    + " bytes cannot be hashed with bcrypt without being cut; choose a shorter one");
        }
        return new String(BCrypt.with(BCrypt.Version.VERSION_2B).hash(cost, bytes),
                StandardCharsets.US_ASCII);
    }
}
