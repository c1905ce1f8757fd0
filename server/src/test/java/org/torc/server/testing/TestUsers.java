package org.torc.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.torc.server.auth.Htpasswd;

/** Writes htpasswd files for tests. */
public final class TestUsers {
    private TestUsers() {
    }

    /** {@code dir/htpasswd} with the given {@code user, password} pairs hashed at {@code cost}. */
    public static Path htpasswd(Path dir, int cost, String... userPasswordPairs) {
        List<String> lines = new ArrayList<>(List.of("# test users", ""));
        for (int i = 0; i < userPasswordPairs.length; i += 2) {
            lines.add(userPasswordPairs[i] + ":" + Htpasswd.hash(userPasswordPairs[i + 1], cost));
        }
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve("htpasswd"), lines);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
