package io.sinkline.tablestore.write;

import com.alicloud.openservices.tablestore.writer.WriterConfig;
import com.alicloud.openservices.tablestore.writer.enums.DispatchMode;
import com.alicloud.openservices.tablestore.writer.enums.WriteMode;
import io.sinkline.tablestore.config.PrimaryKeyMode;
import io.sinkline.tablestore.config.TablestoreSinkConfig;

/**
 * The batching settings of one task's table writers. Requests go out in parallel, and a batch
 * may hold a key twice: with {@code insert.order.enable} the row writer's {@link KeyLanes} never
 * let two rows of one key be in flight at a time, which keeps their order across retries too.
 * ({@code bucketCount} only feeds {@link #toWriterConfig()}: the row writer has one batch per table.)
 */
public record WriterSettings(int maxRowsPerBatch, int maxBytesPerBatch, int concurrency, int bufferSize,
                            int flushIntervalMs, int bucketCount, boolean keepOrder) {

    public static WriterSettings from(TablestoreSinkConfig config) {
        return new WriterSettings(config.batchMaxRows(), config.batchMaxBytes(), config.maxConcurrency(),
                config.bufferSize(), config.flushIntervalMs(), config.bucketCount(), keepsOrder(config));
    }

    /**
     * Whether rows of one key must be held back behind each other. Not with {@code kafka} primary
     * keys (topic_partition, offset): two rows share a key only when Kafka delivered the same record
     * twice (after a rebalance), and both then carry the same values, so their order cannot matter.
     */
    static boolean keepsOrder(TablestoreSinkConfig config) {
        return config.insertOrder() && config.primaryKeyMode() != PrimaryKeyMode.KAFKA;
    }

    /**
     * The SDK writer's configuration for these settings: its limits are what the row writer checks
     * rows against (the SDK's own checker), and the benchmark's raw SDK ceiling writes with it.
     */
    public WriterConfig toWriterConfig() {
        WriterConfig config = new WriterConfig();
        config.setMaxBatchRowsCount(maxRowsPerBatch);
        config.setMaxBatchSize(maxBytesPerBatch);
        config.setConcurrency(concurrency);
        config.setBufferSize(bufferSize);
        config.setFlushInterval(flushIntervalMs);
        config.setBucketCount(bucketCount);
        config.setDispatchMode(DispatchMode.HASH_PRIMARY_KEY);
        config.setWriteMode(WriteMode.PARALLEL);
        config.setAllowDuplicatedRowInBatchRequest(true);
        config.setEnableSchemaCheck(true);
        return config;
    }
}
