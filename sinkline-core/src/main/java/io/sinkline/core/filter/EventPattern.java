package io.sinkline.core.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An EventBridge event pattern: a JSON object whose keys mirror the event's structure. Every key
 * must match (AND); each leaf is a list of which one entry must match (OR). When the event holds
 * an array at a leaf, one of its elements must match.
 *
 * <pre>{"data": {"value": {"status": ["ok", {"prefix": "warn"}], "size": [{"numeric": [">", 0]}]}}}</pre>
 *
 * Immutable and thread-safe once parsed.
 */
public final class EventPattern {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, EventPattern> nested;
    private final Map<String, List<ValueMatcher>> leaves;

    private EventPattern(Map<String, EventPattern> nested, Map<String, List<ValueMatcher>> leaves) {
        this.nested = nested;
        this.leaves = leaves;
    }

    /** @throws IllegalArgumentException naming the path and what is wrong */
    public static EventPattern parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the event pattern is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the event pattern must be a JSON object");
        }
        return parseObject(root, "");
    }

    private static EventPattern parseObject(JsonNode object, String path) {
        Map<String, EventPattern> nested = new LinkedHashMap<>();
        Map<String, List<ValueMatcher>> leaves = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            JsonNode node = field.getValue();
            if (node.isObject()) {
                nested.put(field.getKey(), parseObject(node, fieldPath));
            } else if (node.isArray()) {
                if (node.isEmpty()) {
                    throw new IllegalArgumentException("event pattern '" + fieldPath + "' has an empty list");
                }
                List<ValueMatcher> matchers = new ArrayList<>();
                for (JsonNode entry : node) {
                    matchers.add(MatcherParser.parse(entry, fieldPath));
                }
                leaves.put(field.getKey(), List.copyOf(matchers));
            } else {
                throw new IllegalArgumentException("event pattern '" + fieldPath
                        + "' must be an object or a list of values, not " + node);
            }
        }
        return new EventPattern(Map.copyOf(nested), Map.copyOf(leaves));
    }

    public boolean matches(JsonNode event) {
        for (Map.Entry<String, List<ValueMatcher>> leaf : leaves.entrySet()) {
            JsonNode value = event == null || !event.isObject() ? null : event.get(leaf.getKey());
            if (!leafMatches(leaf.getValue(), value)) {
                return false;
            }
        }
        for (Map.Entry<String, EventPattern> child : nested.entrySet()) {
            JsonNode value = event == null || !event.isObject() ? null : event.get(child.getKey());
            if (!child.getValue().matches(value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean leafMatches(List<ValueMatcher> matchers, JsonNode value) {
        for (ValueMatcher matcher : matchers) {
            if (value == null) {
                if (matcher.matchesAbsent()) {
                    return true;
                }
            } else if (value.isArray() && !(matcher instanceof ValueMatchers.Exists)) {
                for (JsonNode element : value) {
                    if (matcher.matches(element)) {
                        return true;
                    }
                }
            } else if (matcher.matches(value)) {
                return true;
            }
        }
        return false;
    }
}
