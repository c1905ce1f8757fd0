package org.torc.client.spec.parse;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.torc.client.spec.SpecException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML with the YAML 1.2 core schema, as torc's serde_yaml 0.9 does: an unquoted {@code 1:10}
 * is the string "1:10" (YAML 1.1 would read the sexagesimal integer 70), {@code yes}/{@code on}
 * are strings, {@code 012} is 12, {@code 0o17} is 15, and merge keys ({@code <<}) are ordinary
 * keys.
 *
 * <p>It uses SnakeYAML's parser and composer (already on the class path through
 * jackson-dataformat-yaml) for the syntax, with its own scalar resolver; Jackson's YAML parser
 * types scalars the YAML 1.1 way and turns aliases into strings, so it is not used here.
 */
public final class YamlReader {
    private static final Pattern BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    private static final Pattern INT = Pattern.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$");
    private static final Pattern FLOAT = Pattern.compile(
            "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                    + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
    private static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL|)$");

    /** Scalar resolution of the YAML 1.2 core schema. */
    private static final class CoreSchemaResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            // Qualified names: Resolver has YAML 1.1 patterns with the same simple names.
            addImplicitResolver(Tag.BOOL, YamlReader.BOOL, "tTfF");
            addImplicitResolver(Tag.INT, YamlReader.INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, YamlReader.FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.NULL, YamlReader.NULL, "~nN\0");
        }
    }

    private final String source;
    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

    private YamlReader(String source) {
        this.source = source;
    }

    /**
     * @throws SpecException naming the file, line and column of the problem
     */
    public static SpecNode read(String text, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        options.setAllowDuplicateKeys(false);
        YamlReader reader = new YamlReader(source);
        Node root;
        try {
            Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options),
                    new CoreSchemaResolver(), options);
            root = composer.getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? source : reader.pos(mark).toString();
            String problem = e.getProblem() != null ? e.getProblem() : JsonReader.firstLine(e.getMessage());
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            throw new SpecException(where + ": " + problem + context);
        } catch (YAMLException e) {
            throw new SpecException(source + ": " + JsonReader.firstLine(e.getMessage()));
        }
        if (root == null) {
            throw new SpecException(source + ": the file is empty");
        }
        return reader.convert(root);
    }

    private SpecNode convert(Node node) {
        if (!inProgress.add(node)) {
            throw new SpecException(pos(node.getStartMark()) + ": recursive YAML alias");
        }
        try {
            if (node instanceof MappingNode m) {
                return mapping(m);
            }
            if (node instanceof SequenceNode seq) {
                List<SpecNode> items = new ArrayList<>();
                for (Node item : seq.getValue()) {
                    items.add(convert(item));
                }
                return new SpecNode.Arr(items, pos(seq.getStartMark()));
            }
            return scalar((ScalarNode) node);
        } finally {
            inProgress.remove(node);
        }
    }

    private SpecNode mapping(MappingNode m) {
        Map<String, SpecNode> fields = new LinkedHashMap<>();
        Map<String, SourcePos> keys = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Node keyNode = t.getKeyNode();
            SourcePos keyPos = pos(keyNode.getStartMark());
            if (!(keyNode instanceof ScalarNode ks)) {
                throw new SpecException(keyPos + ": mapping keys must be plain strings");
            }
            String key = ks.getValue();
            if (fields.containsKey(key)) {
                throw new SpecException(keyPos + ": duplicate key '" + key + "'");
            }
            fields.put(key, convert(t.getValueNode()));
            keys.put(key, keyPos);
        }
        return new SpecNode.Obj(fields, keys, pos(m.getStartMark()));
    }

    private SpecNode scalar(ScalarNode n) {
        SourcePos pos = pos(n.getStartMark());
        String v = n.getValue();
        Tag tag = n.getTag();
        if (Tag.STR.equals(tag)) {
            return new SpecNode.Str(v, pos);
        }
        if (Tag.NULL.equals(tag)) {
            return new SpecNode.Null(pos);
        }
        if (Tag.BOOL.equals(tag)) {
            if (!BOOL.matcher(v).matches()) {
                throw new SpecException(pos + ": invalid boolean '" + v + "'");
            }
            return new SpecNode.Bool(v.charAt(0) == 't' || v.charAt(0) == 'T', pos);
        }
        if (Tag.INT.equals(tag)) {
            if (!INT.matcher(v).matches()) {
                throw new SpecException(pos + ": invalid integer '" + v + "'");
            }
            return new SpecNode.Int(parseInt(v), pos);
        }
        if (Tag.FLOAT.equals(tag)) {
            if (!FLOAT.matcher(v).matches() && !INT.matcher(v).matches()) {
                throw new SpecException(pos + ": invalid float '" + v + "'");
            }
            return new SpecNode.Flt(parseFloat(v), pos);
        }
        throw new SpecException(pos + ": unsupported YAML tag " + tag.getValue());
    }

    private static BigInteger parseInt(String v) {
        if (v.startsWith("0o")) {
            return new BigInteger(v.substring(2), 8);
        }
        if (v.startsWith("0x")) {
            return new BigInteger(v.substring(2), 16);
        }
        return new BigInteger(v.startsWith("+") ? v.substring(1) : v);
    }

    private static double parseFloat(String v) {
        String lower = v.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".inf")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals(".nan")) {
            return Double.NaN;
        }
        if (INT.matcher(v).matches()) {
            return parseInt(v).doubleValue();
        }
        return Double.parseDouble(v);
    }

    private SourcePos pos(Mark mark) {
        return new SourcePos(source, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
