package org.torc.client.spec.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torc.client.spec.SpecException;

/** Reads strict JSON (what serde_json accepts) into a {@link SpecNode} tree with positions. */
public final class JsonReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(1000)
                    .build())
            .build();

    private final String source;

    private JsonReader(String source) {
        this.source = source;
    }

    /**
     * @throws SpecException naming {@code source}, line and column when the text is not valid JSON
     */
    public static SpecNode read(String text, String source) {
        JsonReader reader = new JsonReader(source);
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new SpecException(source + ": the file is empty");
            }
            SpecNode root = reader.value(p);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw new SpecException(reader.pos(p.currentTokenLocation())
                        + ": trailing characters after the JSON value");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? source : reader.pos(loc).toString();
            throw new SpecException(where + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new SpecException(source + ": " + e.getMessage());
        }
    }

    private SpecNode value(JsonParser p) throws IOException {
        SourcePos pos = pos(p.currentTokenLocation());
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, SpecNode> fields = new LinkedHashMap<>();
                Map<String, SourcePos> keys = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    keys.put(key, pos(p.currentTokenLocation()));
                    p.nextToken();
                    fields.put(key, value(p));
                }
                return new SpecNode.Obj(fields, keys, pos);
            }
            case START_ARRAY: {
                List<SpecNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(p));
                }
                return new SpecNode.Arr(items, pos);
            }
            case VALUE_STRING:
                return new SpecNode.Str(p.getText(), pos);
            case VALUE_NUMBER_INT:
                return new SpecNode.Int(p.getBigIntegerValue(), pos);
            case VALUE_NUMBER_FLOAT:
                return new SpecNode.Flt(p.getDoubleValue(), pos);
            case VALUE_TRUE:
                return new SpecNode.Bool(true, pos);
            case VALUE_FALSE:
                return new SpecNode.Bool(false, pos);
            case VALUE_NULL:
                return new SpecNode.Null(pos);
            default:
                throw new SpecException(pos + ": unexpected " + t);
        }
    }

    private SourcePos pos(JsonLocation loc) {
        return new SourcePos(source, loc.getLineNr(), loc.getColumnNr());
    }

    static String firstLine(String message) {
        if (message == null) {
            return "invalid JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
