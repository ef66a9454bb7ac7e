package io.sinkline.maxcompute.tunnel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Writes one flush of encoded blocks, grouped by table partition (batch Tunnel). */
public interface BlockWriter {

    /**
     * Starts writing. The records of each block are acknowledged once the service made it durable.
     * A block the service refuses for its data is not acknowledged: it comes back, with the reason,
     * so that the task reads its records again and finds the refused rows among them.
     *
     * @return completes when every block is durable or refused, with the refused ones; or
     *         exceptionally once retries of anything else are exhausted
     */
    CompletableFuture<List<RefusedBlock>> writeBlocks(Map<String, List<EncodedBlock>> blocksByPartition);
}
