package io.sinkline.maxcompute.format;

import org.apache.kafka.connect.sink.SinkRecord;

import com.aliyun.odps.OdpsType;
import com.aliyun.odps.data.ArrayRecord;

/** Fills the fixed topic / partition / offset columns every format writes. */
final class MetadataColumns {

    private MetadataColumns() {
    }

    static ArrayRecord newRow(TableLayout layout, SinkRecord record) {
        ArrayRecord row = new ArrayRecord(layout.columns());
        row.setString(layout.topicIndex(), record.topic());
        Integer partition = record.kafkaPartition();
        if (layout.columns()[layout.partitionIndex()].getTypeInfo().getOdpsType() == OdpsType.INT) {
            row.set(layout.partitionIndex(), partition);
        } else {
            row.setBigint(layout.partitionIndex(), partition == null ? null : partition.longValue());
        }
        row.setBigint(layout.offsetIndex(), record.kafkaOffset());
        return row;
    }
}
