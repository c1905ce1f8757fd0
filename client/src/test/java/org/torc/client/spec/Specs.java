package org.torc.client.spec;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.torc.client.spec.model.WorkflowSpec;

/** Helpers shared by the spec tests. */
final class Specs {
    private Specs() {
    }

    /** The repository root: the {@code torc.repo.root} system property, else found by walking up. */
    static Path repoRoot() {
        String prop = System.getProperty("torc.repo.root");
        if (prop != null) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("examples"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root; set -Dtorc.repo.root");
        }
        return p;
    }

    static Path example(String relative) {
        return repoRoot().resolve("examples").resolve(relative);
    }

    static WorkflowSpec yaml(String text) {
        return SpecLoader.parse(text, SpecFormat.YAML, "test.yaml");
    }

    static WorkflowSpec kdl(String text) {
        return SpecLoader.parse(text, SpecFormat.KDL, "test.kdl");
    }

    static WorkflowSpec json5(String text) {
        return SpecLoader.parse(text, SpecFormat.JSON5, "test.json5");
    }

    static ResolvedSpec resolve(WorkflowSpec spec) {
        return SpecPipeline.resolve(spec, SpecOptions.defaults());
    }

    static ResolvedSpec resolveYaml(String text) {
        return resolve(yaml(text));
    }

    static ValidationResult dryRun(String yamlText) {
        return SpecPipeline.validate(yaml(yamlText), SpecOptions.defaults());
    }

    /** The create-path error message for a YAML spec (fails the test if there is none). */
    static String createError(String yamlText) {
        return assertThrows(SpecException.class, () -> resolveYaml(yamlText)).getMessage();
    }

    static String parseError(String text, SpecFormat format) {
        return assertThrows(SpecException.class, () -> SpecLoader.parse(text, format, "bad." + ext(format)))
                .getMessage();
    }

    private static String ext(SpecFormat f) {
        return switch (f) {
            case JSON -> "json";
            case JSON5 -> "json5";
            case YAML -> "yaml";
            case KDL -> "kdl";
        };
    }

    static List<String> jobNames(ResolvedSpec r) {
        return r.jobs().stream().map(ResolvedSpec.ResolvedJob::name).toList();
    }

    static ResolvedSpec.ResolvedJob job(ResolvedSpec r, String name) {
        return r.jobs().stream().filter(j -> j.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no job named " + name + " in " + jobNames(r)));
    }
}
