package io.sinkline.maxcompute.tunnel;

import java.util.ArrayList;
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

    /** Completes when all complete: with every refused item, or exceptionally if one failed. */
    static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<List<T>>> writes) {
        CompletableFuture<List<T>> all = CompletableFuture.completedFuture(List.of());
        for (CompletableFuture<List<T>> write : writes) {
            all = all.thenCombine(write, WrittenRows::concat);
        }
        return all;
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        List<T> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}
