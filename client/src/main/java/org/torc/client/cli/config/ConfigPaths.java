package org.torc.client.cli.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where torc looks for configuration files, lowest priority first: the system file, the user's
 * file and the project-local {@code ./torc.toml}. {@code user} is {@code null} when no home or
 * XDG config directory is known.
 */
public record ConfigPaths(Path system, Path user, Path local) {

    public static final Path SYSTEM_FILE = Path.of("/etc/torc/config.toml");
    public static final Path LOCAL_FILE = Path.of("torc.toml");

    /** torc's locations: {@code $XDG_CONFIG_HOME} (else {@code $HOME/.config}){@code /torc/config.toml}. */
    public static ConfigPaths standard(Map<String, String> env) {
        Path configHome = null;
        String xdg = env.get("XDG_CONFIG_HOME");
        String home = env.get("HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            configHome = Path.of(xdg);
        } else if (home != null && !home.isBlank()) {
            configHome = Path.of(home, ".config");
        }
        return new ConfigPaths(SYSTEM_FILE, configHome == null ? null
                : configHome.resolve("torc").resolve("config.toml"), LOCAL_FILE);
    }

    /** The files that exist, in loading order (later ones override earlier ones). */
    public List<Path> existing() {
        List<Path> out = new ArrayList<>();
        for (Path p : new Path[] {system, user, local}) {
            if (p != null && Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }
}
