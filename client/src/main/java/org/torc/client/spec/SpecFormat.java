package org.torc.client.spec;

import java.util.Locale;
import java.util.Optional;

/** The formats a workflow spec can be written in. */
public enum SpecFormat {
    JSON, JSON5, YAML, KDL;

    /**
     * The format implied by a file name's extension, case-insensitively: {@code .json},
     * {@code .json5}, {@code .yaml}/{@code .yml}, {@code .kdl}; empty for anything else.
     */
    public static Optional<SpecFormat> fromFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return switch (fileName.substring(dot + 1).toLowerCase(Locale.ROOT)) {
            case "json" -> Optional.of(JSON);
            case "json5" -> Optional.of(JSON5);
            case "yaml", "yml" -> Optional.of(YAML);
            case "kdl" -> Optional.of(KDL);
            default -> Optional.empty();
        };
    }
}
