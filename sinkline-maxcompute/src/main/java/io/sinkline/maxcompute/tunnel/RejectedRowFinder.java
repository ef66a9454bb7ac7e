package io.sinkline.maxcompute.tunnel;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.sinkline.maxcompute.errors.WriteFailures;

/**
 * Writes a batch of rows and, when the service refuses it for its data, finds the refused rows by
 * halving: each half is written again, a half that lands is done, a refused half is halved again,
 * down to single rows. The service takes a block or pack whole or not at all, so every row ends up
 * written exactly once or rejected with the service's reason. A batch with k bad rows among n costs
 * about 2·k·log2(n) extra requests; one bad row never holds the others back.
 */
final class RejectedRowFinder {

    private RejectedRowFinder() {
    }

    /**
     * @param send writes its rows as one request (retrying transient failures itself)
     * @return the rows the service refused (empty when all landed); fails as {@code send} does on
     *         anything but a refusal of the data
     */
    static CompletableFuture<List<RejectedRow>> write(List<BufferedRow> rows,
                                                      Function<List<BufferedRow>, CompletableFuture<Void>> send) {
        CompletableFuture<Void> sent;
        try {
            sent = send.apply(rows);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((ok, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(List.<RejectedRow>of());
            }
            Throwable cause = WriteRetries.unwrap(error);
            Optional<String> reason = WriteFailures.dataRejection(cause);
            if (reason.isEmpty()) {
                return CompletableFuture.<List<RejectedRow>>failedFuture(cause);
            }
            if (rows.size() == 1) {
                return CompletableFuture.completedFuture(List.of(new RejectedRow(rows.get(0), reason.get(), cause)));
            }
            int half = rows.size() / 2;
            return write(rows.subList(0, half), send)
                    .thenCombine(write(rows.subList(half, rows.size()), send), WrittenRows::concat);
        }).thenCompose(next -> next);
    }
}
