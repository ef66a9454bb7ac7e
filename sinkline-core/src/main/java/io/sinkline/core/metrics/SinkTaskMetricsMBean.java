package io.sinkline.core.metrics;

/** What a sink task exposes through JMX (a standard MBean: attribute names are the getters'). */
public interface SinkTaskMetricsMBean {

    /** Records the service acknowledged. */
    long getRecordsWritten();

    /** Records handed to the error policy. */
    long getRecordsFailed();

    /** Retries of records (a record retried twice counts two). */
    long getRecordsRetried();

    /** Batches (write requests) the service acknowledged. */
    long getBatchesWritten();

    double getBatchSizeAvg();

    long getBatchSizeMax();

    /** From sending a batch to its acknowledgement. */
    double getWriteLatencyAvgMs();

    double getWriteLatencyMaxMs();

    /** Write requests sent and not yet answered. */
    long getInFlightRequests();

    /** Tells a restarted task's metrics from those of the instance before it. */
    String getInstanceId();
}
