package io.sinkline.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.types.Password;

/**
 * A Markdown reference of every key of a {@link ConfigDef}, one table per group in the order the
 * groups were defined (keys in their order within the group), for {@code docs/configuration.md}.
 * Defaults of PASSWORD keys are never printed.
 */
public final class ConfigDocs {

    static final String UNGROUPED = "Other";

    private ConfigDocs() {
    }

    public static String markdown(ConfigDef def) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<ConfigKey>> group : byGroup(def).entrySet()) {
            out.append("### ").append(group.getKey()).append("\n\n");
            out.append("| Key | Type | Default | Valid values | Importance | Description |\n");
            out.append("| --- | --- | --- | --- | --- | --- |\n");
            for (ConfigKey key : group.getValue()) {
                out.append("| `").append(key.name).append("` | ")
                        .append(key.type.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                        .append(cell(defaultValue(key))).append(" | ")
                        .append(cell(key.validator == null ? "" : key.validator.toString())).append(" | ")
                        .append(key.importance == null ? "" : key.importance.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                        .append(cell(key.documentation == null ? "" : key.documentation)).append(" |\n");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static Map<String, List<ConfigKey>> byGroup(ConfigDef def) {
        Map<String, List<ConfigKey>> groups = new LinkedHashMap<>();
        for (String group : def.groups()) {
            groups.put(group, new ArrayList<>());
        }
        for (ConfigKey key : def.configKeys().values()) {
            String group = key.group == null || key.group.isBlank() ? UNGROUPED : key.group;
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(key);
        }
        groups.values().removeIf(List::isEmpty);
        groups.values().forEach(keys -> keys.sort(
                Comparator.comparingInt((ConfigKey k) -> k.orderInGroup).thenComparing(k -> k.name)));
        return groups;
    }

    private static String defaultValue(ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        Object value = key.defaultValue;
        if (value == null) {
            return "null";
        }
        if (key.type == ConfigDef.Type.PASSWORD || value instanceof Password) {
            return Password.HIDDEN;
        }
        String text = ConfigDef.convertToString(value, key.type);
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    /** Keeps a value inside its table cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
