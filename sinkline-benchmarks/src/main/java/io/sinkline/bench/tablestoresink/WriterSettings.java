package io.sinkline.bench.tablestoresink;

import com.alicloud.openservices.tablestore.writer.WriterConfig;
import io.sinkline.bench.sink.BenchOptions;
import io.sinkline.tablestore.config.TablestoreSinkConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * The batching settings both paths get: the connector through its config keys, the raw SDK
 * ceiling through the {@link WriterConfig} the connector builds from them.
 */
record WriterSettings(int batchRows, int concurrency, int bufferSize, int buckets, int flushMs, boolean ordered,
                      int callbackThreads, boolean clientPerWriter) {

    static BenchOptions declare(BenchOptions options) {
        return options
                .declare("batch-rows", 200, "rows per BatchWriteRow (batch.max.rows; the service allows 200)")
                .declare("concurrency", 10, "write requests in flight per table and task (max.concurrency)")
                .declare("buffer", 1024, "rows buffered per table and task, a power of two (buffer.size)")
                .declare("buckets", 3, "parallel batch builders per table and task (bucket.count)")
                .declare("flush-ms", 1000, "longest a row waits in the buffer (flush.Interval)")
                .declare("ordered", true, "keep the order of rows with the same key (insert.order.enable)")
                .declare("callback-threads", 0, "the SDK writers' callback threads per task (max.thread.count; the ceiling"
                        + " gets as many per writer); 0: the connector's default, processors + 1 per task, and one pool of"
                        + " processors + 1 for the ceiling's writers")
                .declare("client-per-writer", false, "the ceiling's writers each get an AsyncClient of their own, as"
                        + " each connector task has (false: one client for all)");
    }

    static WriterSettings from(BenchOptions options) {
        return new WriterSettings(options.integer("batch-rows"), options.integer("concurrency"),
                options.integer("buffer"), options.integer("buckets"), options.integer("flush-ms"),
                options.bool("ordered"), options.integer("callback-threads"),
                options.bool("client-per-writer"));
    }

    Map<String, String> connectorKeys() {
        Map<String, String> keys = new HashMap<>();
        keys.put("batch.max.rows", String.valueOf(batchRows));
        keys.put("max.concurrency", String.valueOf(concurrency));
        keys.put("buffer.size", String.valueOf(bufferSize));
        keys.put("bucket.count", String.valueOf(buckets));
        keys.put("flush.Interval", String.valueOf(flushMs));
        keys.put("insert.order.enable", String.valueOf(ordered));
        keys.put("max.thread.count", String.valueOf(callbackThreads));
        return keys;
    }

    /** The ceiling's callback pool for {@code writers} writers. */
    int ceilingCallbackThreads(int writers) {
        return callbackThreads > 0 ? callbackThreads * writers : Runtime.getRuntime().availableProcessors() + 1;
    }

    /** The connector's own writer configuration for these settings: both paths get exactly the same SDK writer. */
    WriterConfig writerConfig() {
        return new io.sinkline.tablestore.write.WriterSettings(batchRows, TablestoreSinkConfig.MAX_REQUEST_BYTES,
                concurrency, bufferSize, flushMs, buckets, ordered).toWriterConfig();
    }
}
