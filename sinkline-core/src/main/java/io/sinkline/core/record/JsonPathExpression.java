package io.sinkline.core.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.Optional;

/**
 * A compiled JSONPath (Jayway syntax) evaluated over a Jackson tree, e.g. {@code $.data.value.id}.
 * Compile once at configuration time; evaluation is thread-safe.
 */
public final class JsonPathExpression {
    private static final Configuration JACKSON = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    private final String expression;
    private final JsonPath path;

    private JsonPathExpression(String expression, JsonPath path) {
        this.expression = expression;
        this.path = path;
    }

    /** @throws IllegalArgumentException naming the expression and what is wrong with it */
    public static JsonPathExpression compile(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("a JSONPath expression must not be empty");
        }
        String trimmed = expression.trim();
        if (!trimmed.startsWith("$")) {
            throw new IllegalArgumentException("JSONPath '" + expression + "' must start with '$'");
        }
        try {
            return new JsonPathExpression(trimmed, JsonPath.compile(trimmed));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("JSONPath '" + expression + "' does not parse: " + e.getMessage(), e);
        }
    }

    public String expression() {
        return expression;
    }

    /** The value at this path, or empty when the path does not exist in the document. */
    public Optional<JsonNode> read(JsonNode document) {
        Object result = path.read(document, JACKSON);
        if (result == null) {
            return Optional.empty();
        }
        JsonNode node = result instanceof JsonNode n ? n : ConnectValues.toTree(result);
        if (node.isMissingNode()) {
            return Optional.empty();
        }
        if (!path.isDefinite() && node.isArray() && node.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(node);
    }

    /** Whether the path always selects at most one value (no wildcards, filters or deep scans). */
    public boolean isDefinite() {
        return path.isDefinite();
    }

    @Override
    public String toString() {
        return expression;
    }

}
