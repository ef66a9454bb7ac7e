package io.sinkline.tablestore.config;

import io.sinkline.core.record.JsonPathExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The per-table mapping keys of the official connector, plus JSONPath rules (seed 000):
 * <pre>
 * tablestore.&lt;table&gt;.primarykey.name        id,region
 * tablestore.&lt;table&gt;.primarykey.type        integer,string
 * tablestore.&lt;table&gt;.primarykey.jsonpath    $.data.value.id,$.data.value.region   (primarykey.mode=jsonpath)
 * tablestore.&lt;table&gt;.columns.whitelist.name  name,price
 * tablestore.&lt;table&gt;.columns.whitelist.type  string,double
 * tablestore.&lt;table&gt;.columns.jsonpath        $.data.value.name,$.data.value.price
 * </pre>
 * An empty whitelist means every field of the value becomes a column.
 */
public record TableMapping(String table, List<ColumnSpec> primaryKey, List<ColumnSpec> columns) {

    public static final String PK_TOPIC_PARTITION = "topic_partition";
    public static final String PK_OFFSET = "offset";

    public static String primaryKeyNameKey(String table) {
        return "tablestore." + table + ".primarykey.name";
    }

    public static String primaryKeyTypeKey(String table) {
        return "tablestore." + table + ".primarykey.type";
    }

    public static String primaryKeyJsonPathKey(String table) {
        return "tablestore." + table + ".primarykey.jsonpath";
    }

    public static String whitelistNameKey(String table) {
        return "tablestore." + table + ".columns.whitelist.name";
    }

    public static String whitelistTypeKey(String table) {
        return "tablestore." + table + ".columns.whitelist.type";
    }

    public static String columnsJsonPathKey(String table) {
        return "tablestore." + table + ".columns.jsonpath";
    }

    /** The fixed primary key of {@code primarykey.mode=kafka}. */
    public static List<ColumnSpec> kafkaPrimaryKey() {
        return List.of(new ColumnSpec(PK_TOPIC_PARTITION, ColumnType.STRING), new ColumnSpec(PK_OFFSET, ColumnType.INTEGER));
    }

    public boolean hasWhitelist() {
        return !columns.isEmpty();
    }

    /** @throws ConfigException naming the key at fault */
    public static TableMapping from(Map<String, String> props, String table) {
        List<ColumnSpec> pk = columns(props, primaryKeyNameKey(table), primaryKeyTypeKey(table),
                primaryKeyJsonPathKey(table), true);
        List<ColumnSpec> columns = columns(props, whitelistNameKey(table), whitelistTypeKey(table),
                columnsJsonPathKey(table), false);
        return new TableMapping(table, pk, columns);
    }

    private static List<ColumnSpec> columns(Map<String, String> props, String nameKey, String typeKey,
                                            String pathKey, boolean primaryKey) {
        List<String> names = ListSplitter.split(props.get(nameKey));
        List<String> types = ListSplitter.split(props.get(typeKey));
        List<String> paths = ListSplitter.split(props.get(pathKey));
        if (names.isEmpty()) {
            if (!types.isEmpty()) {
                throw new ConfigException(typeKey, props.get(typeKey), "types given without names in " + nameKey);
            }
            if (!paths.isEmpty()) {
                throw new ConfigException(pathKey, props.get(pathKey), "JSONPath rules given without names in " + nameKey);
            }
            return List.of();
        }
        if (types.size() != names.size()) {
            throw new ConfigException(typeKey, props.get(typeKey), "needs one type per name in " + nameKey
                    + " (" + names.size() + " names, " + types.size() + " types)");
        }
        if (!paths.isEmpty() && paths.size() != names.size()) {
            throw new ConfigException(pathKey, props.get(pathKey), "needs one JSONPath rule per name in " + nameKey
                    + " (" + names.size() + " names, " + paths.size() + " rules)");
        }
        List<ColumnSpec> specs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isEmpty()) {
                throw new ConfigException(nameKey, props.get(nameKey), "has an empty column name");
            }
            ColumnType type = ColumnType.parse(typeKey, types.get(i));
            if (primaryKey && !type.allowedInPrimaryKey()) {
                throw new ConfigException(typeKey, props.get(typeKey), "primary key column '" + name
                        + "' has type " + type.name().toLowerCase() + "; use string, integer or binary");
            }
            JsonPathExpression path = null;
            if (!paths.isEmpty()) {
                try {
                    path = JsonPathExpression.compile(paths.get(i));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(pathKey, props.get(pathKey), e.getMessage());
                }
            }
            specs.add(new ColumnSpec(name, type, path));
        }
        return List.copyOf(specs);
    }
}
