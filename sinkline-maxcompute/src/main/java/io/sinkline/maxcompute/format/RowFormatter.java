package io.sinkline.maxcompute.format;

import org.apache.kafka.connect.sink.SinkRecord;

import com.aliyun.odps.data.ArrayRecord;

import io.sinkline.core.record.RecordFormatException;

/** Turns one Kafka record into one table row, or says why it cannot. */
public interface RowFormatter {

    /**
     * @return the row, with every data column set or NULL
     * @throws RecordFormatException with a reason a person can act on (the record is routed to the error policy)
     */
    ArrayRecord format(SinkRecord record);
}
