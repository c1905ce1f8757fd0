package org.torc.client.spec;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.torc.client.spec.kdl.KdlSpecMapper;
import org.torc.client.spec.model.WorkflowSpec;
import org.torc.client.spec.parse.Json5Reader;
import org.torc.client.spec.parse.JsonReader;
import org.torc.client.spec.parse.SpecBinder;
import org.torc.client.spec.parse.SpecNode;
import org.torc.client.spec.parse.YamlReader;

/**
 * Reads workflow spec files. The format follows the extension (case-insensitive): {@code .json},
 * {@code .json5}, {@code .yaml}/{@code .yml}, {@code .kdl}; any other file is tried as JSON, then
 * JSON5, then YAML (only if it yields a mapping), then KDL, as torc does.
 */
public final class SpecLoader {
    private SpecLoader() {
    }

    /** @throws SpecException with a user-facing message naming the file (and line/column) */
    public static WorkflowSpec load(Path path) {
        String source = path.toString();
        return parse(readText(path), SpecFormat.fromFileName(String.valueOf(path.getFileName())), source);
    }

    /** Parses spec text in a known format; {@code source} names it in error messages. */
    public static WorkflowSpec parse(String text, SpecFormat format, String source) {
        return SpecBinder.bind(readTree(text, format, source));
    }

    /** Parses spec text, choosing the format like {@link #load} does for an unknown extension. */
    public static WorkflowSpec parse(String text, Optional<SpecFormat> format, String source) {
        if (format.isPresent()) {
            return parse(text, format.get(), source);
        }
        return SpecBinder.bind(guessTree(text, source));
    }

    static SpecNode readTree(String text, SpecFormat format, String source) {
        return switch (format) {
            case JSON -> JsonReader.read(text, source);
            case JSON5 -> Json5Reader.read(text, source);
            case YAML -> YamlReader.read(text, source);
            case KDL -> KdlSpecMapper.read(text, source);
        };
    }

    private static SpecNode guessTree(String text, String source) {
        try {
            return JsonReader.read(text, source);
        } catch (SpecException ignored) {
            // not JSON; try the next format
        }
        try {
            return Json5Reader.read(text, source);
        } catch (SpecException ignored) {
            // not JSON5 either
        }
        String yamlError;
        try {
            SpecNode yaml = YamlReader.read(text, source);
            if (yaml instanceof SpecNode.Obj) {
                return yaml;
            }
            yamlError = yaml.pos() + ": the document is a " + yaml.describe() + ", not a mapping";
        } catch (SpecException e) {
            yamlError = e.getMessage();
        }
        try {
            return KdlSpecMapper.read(text, source);
        } catch (SpecException kdlError) {
            throw new SpecException(source + ": not a workflow spec in any supported format (give the file a"
                    + " .json, .json5, .yaml, .yml or .kdl extension for a precise error)\n  as YAML: " + yamlError
                    + "\n  as KDL: " + kdlError.getMessage());
        }
    }

    static String readText(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new SpecException(path + ": no such file");
        } catch (IOException e) {
            throw new SpecException(path + ": cannot read the file: " + e.getMessage());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SpecException(path + ": the file is not valid UTF-8");
        }
    }
}
