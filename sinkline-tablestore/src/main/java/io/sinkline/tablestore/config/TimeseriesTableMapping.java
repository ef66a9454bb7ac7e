package io.sinkline.tablestore.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigException;

/**
 * The per-table time-series keys of the official connector:
 * <pre>
 * tablestore.timeseries.&lt;table&gt;.measurement   a value field, or &lt;topic&gt;
 * tablestore.timeseries.&lt;table&gt;.dataSource    a value field
 * tablestore.timeseries.&lt;table&gt;.tags          value fields that become tags
 * tablestore.timeseries.&lt;table&gt;.time          the time field
 * tablestore.timeseries.&lt;table&gt;.time.unit     SECONDS, MILLISECONDS, MICROSECONDS or NANOSECONDS
 * tablestore.timeseries.&lt;table&gt;.field.name    fields written with a declared type …
 * tablestore.timeseries.&lt;table&gt;.field.type    … string, integer, double, boolean or binary
 * </pre>
 */
public record TimeseriesTableMapping(String table, String measurement, String dataSource, List<String> tags,
                                     String timeField, TimeUnit timeUnit, List<ColumnSpec> fields) {

    public static final String MEASUREMENT_FROM_TOPIC = "<topic>";

    public static String key(String table, String suffix) {
        return "tablestore.timeseries." + table + "." + suffix;
    }

    /** @throws ConfigException naming the key at fault */
    public static TimeseriesTableMapping from(Map<String, String> props, String table) {
        String measurementKey = key(table, "measurement");
        String measurement = required(props, measurementKey);
        String dataSource = props.getOrDefault(key(table, "dataSource"), "").trim();
        List<String> tags = ListSplitter.split(props.get(key(table, "tags")));
        String timeKey = key(table, "time");
        String time = required(props, timeKey);
        String unitKey = key(table, "time.unit");
        TimeUnit unit = unit(unitKey, props.getOrDefault(unitKey, "MILLISECONDS"));

        String namesKey = key(table, "field.name");
        String typesKey = key(table, "field.type");
        List<String> names = ListSplitter.split(props.get(namesKey));
        List<String> types = ListSplitter.split(props.get(typesKey));
        if (names.size() != types.size()) {
            throw new ConfigException(typesKey, props.get(typesKey), "needs one type per name in " + namesKey
                    + " (" + names.size() + " names, " + types.size() + " types)");
        }
        List<ColumnSpec> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            fields.add(new ColumnSpec(names.get(i), ColumnType.parse(typesKey, types.get(i))));
        }
        return new TimeseriesTableMapping(table, measurement, dataSource, List.copyOf(tags), time, unit, List.copyOf(fields));
    }

    private static String required(Map<String, String> props, String key) {
        String value = props.get(key);
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, value, "is required in time-series mode");
        }
        return value.trim();
    }

    private static TimeUnit unit(String key, String value) {
        return switch (value.trim().toUpperCase(Locale.ROOT)) {
            case "SECONDS", "S" -> TimeUnit.SECONDS;
            case "MILLISECONDS", "MS" -> TimeUnit.MILLISECONDS;
            case "MICROSECONDS", "US" -> TimeUnit.MICROSECONDS;
            case "NANOSECONDS", "NS" -> TimeUnit.NANOSECONDS;
            default -> throw new ConfigException(key, value, "must be one of SECONDS, MILLISECONDS, MICROSECONDS, NANOSECONDS");
        };
    }
}
