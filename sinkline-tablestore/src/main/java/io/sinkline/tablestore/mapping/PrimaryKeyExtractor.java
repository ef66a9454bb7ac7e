package io.sinkline.tablestore.mapping;

import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.sinkline.core.record.RecordFormatException;
import io.sinkline.core.record.RecordView;
import io.sinkline.tablestore.config.ColumnSpec;
import io.sinkline.tablestore.config.PrimaryKeyMode;
import java.util.List;

/** Builds a row's primary key in one of the four primary-key modes. */
final class PrimaryKeyExtractor {
    private final PrimaryKeyMode mode;
    private final List<ColumnSpec> columns;
    private final boolean overEnvelope;
    private volatile TopicPartitionValue lastTopicPartition;

    PrimaryKeyExtractor(PrimaryKeyMode mode, List<ColumnSpec> columns, boolean overEnvelope) {
        this.mode = mode;
        this.columns = columns;
        this.overEnvelope = overEnvelope;
    }

    PrimaryKey extract(RecordView view) {
        PrimaryKeyBuilder builder = PrimaryKeyBuilder.createPrimaryKeyBuilder(columns.size());
        if (mode == PrimaryKeyMode.KAFKA) {
            builder.addPrimaryKeyColumn(columns.get(0).name(), topicPartition(view));
            builder.addPrimaryKeyColumn(columns.get(1).name(), PrimaryKeyValue.fromLong(view.offset()));
            return builder.build();
        }
        for (ColumnSpec column : columns) {
            builder.addPrimaryKeyColumn(column.name(),
                    TypedValues.primaryKey(column.name(), valueOf(view, column), column.type()));
        }
        return builder.build();
    }

    /** The {@code topic_partition} value; consecutive records mostly share it, so the last one is kept. */
    private PrimaryKeyValue topicPartition(RecordView view) {
        String topic = view.topic();
        int partition = view.partition();
        TopicPartitionValue last = lastTopicPartition;
        if (last == null || last.partition() != partition || !last.topic().equals(topic)) {
            last = new TopicPartitionValue(topic, partition, PrimaryKeyValue.fromString(topic + "_" + partition));
            lastTopicPartition = last;
        }
        return last.value();
    }

    /** Immutable, so threads that share the mapper see a whole entry or none. */
    private record TopicPartitionValue(String topic, int partition, PrimaryKeyValue value) {
    }

    private JsonNode valueOf(RecordView view, ColumnSpec column) {
        return switch (mode) {
            case RECORD_KEY -> field(view.key(), column.name(), "key", columns.size() == 1);
            case RECORD_VALUE -> {
                if (view.isTombstone()) {
                    throw new RecordFormatException("a tombstone has no value to take primary key column '"
                            + column.name() + "' from (primarykey.mode=record_value)");
                }
                yield field(view.value(), column.name(), "value", false);
            }
            case JSONPATH -> column.path().read(overEnvelope ? view.envelope() : view.document())
                    .orElseThrow(() -> new RecordFormatException("primary key column '" + column.name()
                            + "': JSONPath " + column.path() + " finds nothing in the record"));
            case KAFKA -> throw new IllegalStateException("handled above");
        };
    }

    /** A named field of an object; a single-column key may also be the whole scalar key. */
    private static JsonNode field(JsonNode node, String name, String what, boolean scalarAllowed) {
        if (node.isObject()) {
            JsonNode field = node.get(name);
            if (field == null || field.isNull()) {
                throw new RecordFormatException("the record " + what + " has no primary key field '" + name + "'");
            }
            return field;
        }
        if (scalarAllowed && node.isValueNode() && !node.isNull()) {
            return node;
        }
        throw new RecordFormatException("the record " + what + " is " + (node.isNull() ? "null" : "not an object")
                + "; primary key field '" + name + "' cannot be read from it");
    }
}
