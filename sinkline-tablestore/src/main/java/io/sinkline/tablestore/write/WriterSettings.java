package io.sinkline.tablestore.write;

import com.alicloud.openservices.tablestore.writer.WriterConfig;
import com.alicloud.openservices.tablestore.writer.enums.DispatchMode;
import com.alicloud.openservices.tablestore.writer.enums.WriteMode;
import io.sinkline.tablestore.config.TablestoreSinkConfig;

/** The batching settings of one task's table writers. */
public record WriterSettings(int maxRowsPerBatch, int maxBytesPerBatch, int concurrency, int bufferSize,
                            int flushIntervalMs, int bucketCount, boolean keepOrder) {

    public static WriterSettings from(TablestoreSinkConfig config) {
        return new WriterSettings(config.batchMaxRows(), config.batchMaxBytes(), config.maxConcurrency(),
                config.bufferSize(), config.flushIntervalMs(), config.bucketCount(), config.insertOrder());
    }

    WriterConfig toWriterConfig() {
        WriterConfig config = new WriterConfig();
        config.setMaxBatchRowsCount(maxRowsPerBatch);
        config.setMaxBatchSize(maxBytesPerBatch);
        config.setConcurrency(concurrency);
        config.setBufferSize(bufferSize);
        config.setFlushInterval(flushIntervalMs);
        config.setBucketCount(bucketCount);
        config.setDispatchMode(DispatchMode.HASH_PRIMARY_KEY);
        // Ordered: one batch in flight per bucket, and a key never twice in one batch (the
        // service does not order rows within a batch).
        config.setWriteMode(keepOrder ? WriteMode.SEQUENTIAL : WriteMode.PARALLEL);
        config.setAllowDuplicatedRowInBatchRequest(!keepOrder);
        config.setEnableSchemaCheck(true);
        return config;
    }
}
