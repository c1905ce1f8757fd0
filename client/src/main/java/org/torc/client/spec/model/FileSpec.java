package org.torc.client.spec.model;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A file of a specification (torc's {@code FileSpec}); {@code name} and {@code path} are substituted. */
public record FileSpec(String name, String path, Map<String, String> parameters, String parameterMode,
        List<String> useParameters) {

    public static final List<String> FIELDS =
            List.of("name", "path", "parameters", "parameter_mode", "use_parameters");

    public static FileSpec of(String name, String path) {
        return new FileSpec(name, path, null, null, null);
    }

    public FileSpec substituted(UnaryOperator<String> f) {
        return new FileSpec(f.apply(name), f.apply(path), null, null, null);
    }

    public FileSpec withParameters(Map<String, String> effective) {
        return new FileSpec(name, path, effective, parameterMode, null);
    }
}
