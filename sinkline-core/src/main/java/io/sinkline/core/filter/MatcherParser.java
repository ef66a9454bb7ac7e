package io.sinkline.core.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads one entry of an event-pattern list into a {@link ValueMatcher}. */
final class MatcherParser {
    private MatcherParser() {
    }

    static ValueMatcher parse(JsonNode entry, String path) {
        if (!entry.isObject()) {
            if (entry.isArray()) {
                throw new IllegalArgumentException("event pattern '" + path + "' has a nested list");
            }
            return new ValueMatchers.Exact(entry);
        }
        if (entry.size() != 1) {
            throw new IllegalArgumentException("event pattern '" + path
                    + "' has an operator object with " + entry.size() + " keys; write exactly one");
        }
        Map.Entry<String, JsonNode> operator = entry.fields().next();
        JsonNode operand = operator.getValue();
        return switch (operator.getKey()) {
            case "prefix" -> new ValueMatchers.Prefix(text(operand, path, "prefix"));
            case "suffix" -> new ValueMatchers.Suffix(text(operand, path, "suffix"));
            case "contains" -> new ValueMatchers.Contains(text(operand, path, "contains"));
            case "equals-ignore-case" -> new ValueMatchers.EqualsIgnoreCase(text(operand, path, "equals-ignore-case"));
            case "wildcard" -> new ValueMatchers.Wildcard(text(operand, path, "wildcard"));
            case "exists" -> {
                if (!operand.isBoolean()) {
                    throw new IllegalArgumentException("event pattern '" + path + "': exists takes true or false");
                }
                yield new ValueMatchers.Exists(operand.booleanValue());
            }
            case "cidr" -> {
                try {
                    yield new ValueMatchers.Cidr(text(operand, path, "cidr"));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("event pattern '" + path + "': " + e.getMessage(), e);
                }
            }
            case "numeric" -> numeric(operand, path);
            case "anything-but" -> anythingBut(operand, path);
            default -> throw new IllegalArgumentException("event pattern '" + path + "' uses unknown operator '"
                    + operator.getKey() + "' (known: prefix, suffix, contains, equals-ignore-case, wildcard, "
                    + "anything-but, numeric, cidr, exists)");
        };
    }

    private static String text(JsonNode operand, String path, String operator) {
        if (!operand.isTextual()) {
            throw new IllegalArgumentException("event pattern '" + path + "': " + operator + " takes a string");
        }
        return operand.textValue();
    }

    private static ValueMatcher numeric(JsonNode operand, String path) {
        if (!operand.isArray() || operand.isEmpty() || operand.size() % 2 != 0) {
            throw new IllegalArgumentException("event pattern '" + path
                    + "': numeric takes pairs of operator and number, e.g. [\">\", 0, \"<=\", 5]");
        }
        List<ValueMatchers.Comparison> comparisons = new ArrayList<>();
        for (int i = 0; i < operand.size(); i += 2) {
            JsonNode op = operand.get(i);
            JsonNode number = operand.get(i + 1);
            if (!op.isTextual() || !ValueMatchers.Comparison.OPERATORS.contains(op.textValue())) {
                throw new IllegalArgumentException("event pattern '" + path + "': numeric operator " + op
                        + " is not one of " + ValueMatchers.Comparison.OPERATORS);
            }
            if (!number.isNumber()) {
                throw new IllegalArgumentException("event pattern '" + path + "': numeric operand " + number
                        + " is not a number");
            }
            comparisons.add(new ValueMatchers.Comparison(op.textValue(), number.decimalValue()));
        }
        return new ValueMatchers.Numeric(List.copyOf(comparisons));
    }

    private static ValueMatcher anythingBut(JsonNode operand, String path) {
        List<ValueMatcher> excluded = new ArrayList<>();
        if (operand.isArray()) {
            for (JsonNode value : operand) {
                if (value.isContainerNode()) {
                    throw new IllegalArgumentException("event pattern '" + path
                            + "': anything-but lists hold plain values only");
                }
                excluded.add(new ValueMatchers.Exact(value));
            }
        } else if (operand.isObject()) {
            ValueMatcher inner = parse(operand, path);
            if (!(inner instanceof ValueMatchers.Prefix || inner instanceof ValueMatchers.Suffix
                    || inner instanceof ValueMatchers.EqualsIgnoreCase)) {
                throw new IllegalArgumentException("event pattern '" + path
                        + "': anything-but takes values, or an object with prefix, suffix or equals-ignore-case");
            }
            excluded.add(inner);
        } else {
            excluded.add(new ValueMatchers.Exact(operand));
        }
        return new ValueMatchers.AnythingBut(List.copyOf(excluded));
    }
}
