package io.sinkline.tablestore.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

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
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : assignments) {
            if (pair.isBlank()) {
                continue;
            }
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new ConfigException(TablestoreSinkConfig.TOPICS_ASSIGN_TABLES, pair, "write topic:table pairs");
            }
            map.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
        }
        return Map.copyOf(map);
    }

    public String tableFor(String topic) {
        String table = assigned.get(topic);
        return table != null ? table : format.replace(TOPIC_PLACEHOLDER, topic);
    }

    public Map<String, String> assignments() {
        return assigned;
    }
}
