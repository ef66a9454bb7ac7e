package io.sinkline.core.record;

import org.apache.kafka.connect.errors.DataException;

/** A record whose content cannot be read as configured (bad JSON, a missing field, a wrong type). */
public class RecordFormatException extends DataException {
    public RecordFormatException(String message) {
        super(message);
    }

    public RecordFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
