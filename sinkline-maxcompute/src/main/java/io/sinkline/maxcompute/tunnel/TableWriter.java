package io.sinkline.maxcompute.tunnel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Writes one flush of rows, grouped by table partition, through a Tunnel. */
public interface TableWriter extends AutoCloseable {

    /**
     * Starts writing. Each row's record is acknowledged once the service made it durable (batch:
     * the session commit; streaming: the pack flush).
     *
     * @param rowsByPartition rows per partition value ("" for a table without partitions)
     * @return completes when every row is durable, or exceptionally once retries are exhausted
     */
    CompletableFuture<Void> write(Map<String, List<BufferedRow>> rowsByPartition);

    @Override
    void close();
}
