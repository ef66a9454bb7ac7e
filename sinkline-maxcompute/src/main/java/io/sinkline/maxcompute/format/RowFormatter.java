package io.sinkline.maxcompute.format;

import org.apache.kafka.connect.sink.SinkRecord;

import io.sinkline.core.record.RecordFormatException;

/** Turns one Kafka record into one table row, or says why it cannot. One instance per task: not thread-safe. */
public interface RowFormatter {

    /**
     * @return the row's values in table column order (NULL as null), already checked and
     *         converted by the SDK's rules for each column's type
     * @throws RecordFormatException with a reason a person can act on (the record is routed to the error policy)
     */
    Object[] format(SinkRecord record);
}
