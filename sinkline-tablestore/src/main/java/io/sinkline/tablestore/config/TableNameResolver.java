package io.sinkline.tablestore.config;

import io.sinkline.core.config.Validators;
import java.util.List;
import java.util.Map;

/** Topic → destination table: an explicit {@code topics.assign.tables} pair, else {@code table.name.format}. */
public final class TableNameResolver {
    public static final String TOPIC_PLACEHOLDER = "<topic>";

    private final String format;
    private final Map<String, String> assigned;

    public TableNameResolver(String format, List<String> assignments) {
        this.format = format;
        this.assigned = parse(assignments);
    }

    private static Map<String, String> parse(List<String> assignments) {
        return Map.copyOf(Validators.parsePairs(TablestoreSinkConfig.TOPICS_ASSIGN_TABLES, assignments, "topic", "table"));
    }

    public String tableFor(String topic) {
        String table = assigned.get(topic);
        return table != null ? table : format.replace(TOPIC_PLACEHOLDER, topic);
    }

    public Map<String, String> assignments() {
        return assigned;
    }
}
