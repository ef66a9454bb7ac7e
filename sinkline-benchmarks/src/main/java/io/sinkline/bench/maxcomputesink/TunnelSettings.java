package io.sinkline.bench.maxcomputesink;

import io.sinkline.bench.sink.BenchOptions;
import io.sinkline.maxcompute.config.TunnelCompression;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The batching settings both paths get: the connector through its config keys, the ceiling directly. */
record TunnelSettings(int batchRows, int poolSize, int bufferKb, int flushMs, TunnelCompression compression) {

    static BenchOptions declare(BenchOptions options) {
        return options
                .declare("batch-rows", 8000, "records per uploaded block (record_batch_size)")
                .declare("pool", 2, "upload threads per task (sink_pool_size); the ceiling gets pool x tasks")
                .declare("buffer-kb", 65536, "the task's write buffer in KB; full, it flushes (buffer_size_kb; the connector's default)")
                .declare("flush-ms", 1000, "longest a record waits before a flush (flush_interval_ms)")
                .declare("compression", "deflate", "upload stream compression: none, deflate, snappy, lz4, zstd");
    }

    static TunnelSettings from(BenchOptions options) {
        return new TunnelSettings(options.integer("batch-rows"), options.integer("pool"), options.integer("buffer-kb"),
                options.integer("flush-ms"), TunnelCompression.valueOf(options.string("compression").toUpperCase(Locale.ROOT)));
    }

    Map<String, String> connectorKeys() {
        Map<String, String> keys = new HashMap<>();
        keys.put("record_batch_size", String.valueOf(batchRows));
        keys.put("sink_pool_size", String.valueOf(poolSize));
        keys.put("buffer_size_kb", String.valueOf(bufferKb));
        keys.put("flush_interval_ms", String.valueOf(flushMs));
        keys.put("tunnel_compression", compression.name());
        return keys;
    }
}
