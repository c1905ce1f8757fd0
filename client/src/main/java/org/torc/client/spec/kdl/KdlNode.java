package org.torc.client.spec.kdl;

import java.util.List;
import java.util.Map;
import org.torc.client.spec.parse.SourcePos;

/**
 * A KDL node. {@code children} is {@code null} when the node has no children block (an empty block
 * gives an empty list). Properties keep the last value written for each key, as KDL requires.
 */
public record KdlNode(String type, String name, List<KdlValue> args, Map<String, KdlValue> props,
        Map<String, SourcePos> propPos, List<KdlNode> children, SourcePos pos) {
}
