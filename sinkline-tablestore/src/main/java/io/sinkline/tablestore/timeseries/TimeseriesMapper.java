package io.sinkline.tablestore.timeseries;

import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesKey;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesRow;
import com.fasterxml.jackson.databind.JsonNode;
import io.sinkline.core.record.RecordFormatException;
import io.sinkline.core.record.RecordView;
import io.sinkline.tablestore.config.ColumnSpec;
import io.sinkline.tablestore.config.TimeseriesTableMapping;
import io.sinkline.tablestore.mapping.TypedValues;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A record value (a JSON object) → one time-series row: measurement (a field or the topic), data
 * source, tags, time (converted to microseconds from the configured unit), the declared fields
 * with their types and, with map-all, every other field with its own type.
 */
public final class TimeseriesMapper {
    private final TimeseriesTableMapping mapping;
    private final boolean mapAll;
    private final boolean toLowerCase;
    private final Set<String> reserved = new HashSet<>();

    public TimeseriesMapper(TimeseriesTableMapping mapping, boolean mapAll, boolean toLowerCase) {
        this.mapping = mapping;
        this.mapAll = mapAll;
        this.toLowerCase = toLowerCase;
        if (!TimeseriesTableMapping.MEASUREMENT_FROM_TOPIC.equals(mapping.measurement())) {
            reserved.add(mapping.measurement());
        }
        if (!mapping.dataSource().isEmpty()) {
            reserved.add(mapping.dataSource());
        }
        reserved.addAll(mapping.tags());
        reserved.add(mapping.timeField());
        mapping.fields().forEach(f -> reserved.add(f.name()));
    }

    public TimeseriesRow map(RecordView view) {
        if (view.isTombstone()) {
            throw new RecordFormatException("a tombstone cannot be written to time-series table '" + mapping.table() + "'");
        }
        JsonNode value = view.value();
        if (!value.isObject()) {
            throw new RecordFormatException("a time-series record value must be a JSON object");
        }
        String measurement = TimeseriesTableMapping.MEASUREMENT_FROM_TOPIC.equals(mapping.measurement())
                ? view.topic() : text(value, mapping.measurement(), "measurement");
        String dataSource = mapping.dataSource().isEmpty() ? "" : text(value, mapping.dataSource(), "data source");
        Map<String, String> tags = new TreeMap<>();
        for (String tag : mapping.tags()) {
            JsonNode node = value.get(tag);
            if (node != null && !node.isNull()) {
                tags.put(tag, node.isTextual() ? node.textValue() : node.toString());
            }
        }
        TimeseriesRow row = new TimeseriesRow(new TimeseriesKey(measurement, dataSource, tags), timeInMicros(value));
        for (ColumnSpec field : mapping.fields()) {
            JsonNode node = value.get(field.name());
            if (node != null && !node.isNull()) {
                row.addField(name(field.name()), TypedValues.column(field.name(), node, field.type()));
            }
        }
        if (mapAll) {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!reserved.contains(field.getKey()) && !field.getValue().isNull()) {
                    row.addField(name(field.getKey()), TypedValues.column(field.getKey(), field.getValue(), null));
                }
            }
        }
        if (row.getFields().isEmpty()) {
            throw new RecordFormatException("the record has no fields for time-series table '" + mapping.table() + "'");
        }
        return row;
    }

    private String name(String field) {
        return toLowerCase ? field.toLowerCase(Locale.ROOT) : field;
    }

    private long timeInMicros(JsonNode value) {
        JsonNode time = value.get(mapping.timeField());
        if (time == null || time.isNull()) {
            throw new RecordFormatException("the record has no time field '" + mapping.timeField() + "'");
        }
        long raw;
        if (time.isIntegralNumber() && time.canConvertToLong()) {
            raw = time.longValue();
        } else if (time.isTextual()) {
            try {
                raw = Long.parseLong(time.textValue().trim());
            } catch (NumberFormatException e) {
                throw new RecordFormatException("time field '" + mapping.timeField() + "' must be an integer, got " + time);
            }
        } else {
            throw new RecordFormatException("time field '" + mapping.timeField() + "' must be an integer, got " + time);
        }
        return mapping.timeUnit().toMicros(raw);
    }

    private static String text(JsonNode value, String field, String what) {
        JsonNode node = value.get(field);
        if (node == null || node.isNull()) {
            throw new RecordFormatException("the record has no " + what + " field '" + field + "'");
        }
        return node.isTextual() ? node.textValue() : node.toString();
    }

}
