package io.sinkline.maxcompute.tunnel;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.sinkline.core.metrics.SinkTaskMetrics;

/** What the writers do once a batch is durable: acknowledge the rows the service took, collect the refused ones. */
final class WrittenRows {

    private WrittenRows() {
    }

    /** Acknowledges every row but the refused ones (those are acknowledged once the error policy took them). */
    static void acknowledge(List<BufferedRow> rows, List<RejectedRow> rejected, SinkTaskMetrics metrics) {
        if (rejected.isEmpty()) {
            rows.forEach(row -> row.pending().ack());
            metrics.recordsWritten(rows.size());
            return;
        }
        Set<BufferedRow> refused = Collections.newSetFromMap(new IdentityHashMap<>());
        rejected.forEach(r -> refused.add(r.row()));
        rows.stream().filter(row -> !refused.contains(row)).forEach(row -> row.pending().ack());
        metrics.recordsWritten(rows.size() - refused.size());
    }

    /** Completes when all complete: with every refused row, or exceptionally if one failed. */
    static CompletableFuture<List<RejectedRow>> allOf(List<CompletableFuture<List<RejectedRow>>> writes) {
        CompletableFuture<List<RejectedRow>> all = CompletableFuture.completedFuture(List.of());
        for (CompletableFuture<List<RejectedRow>> write : writes) {
            all = all.thenCombine(write, RejectedRowFinder::concat);
        }
        return all;
    }
}
