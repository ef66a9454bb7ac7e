package io.sinkline.maxcompute.tunnel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Writes one flush of rows, grouped by table partition, through a Tunnel. */
public interface TableWriter extends AutoCloseable {

    /**
     * Starts writing. Each row's record is acknowledged once the service made it durable (batch:
     * the session commit; streaming: the pack flush). Rows the service refuses for their data are
     * not acknowledged: they come back, with the service's reason, for the error policy.
     *
     * @param rowsByPartition rows per partition value ("" for a table without partitions)
     * @return completes when every row is durable or refused, with the refused ones; or
     *         exceptionally once retries of anything else are exhausted
     */
    CompletableFuture<List<RejectedRow>> write(Map<String, List<BufferedRow>> rowsByPartition);

    @Override
    void close();
}
