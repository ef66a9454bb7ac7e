package io.sinkline.maxcompute.metrics;

/** What the writers report about their work. */
public interface WriteMetrics {

    WriteMetrics NONE = new WriteMetrics() {
        @Override
        public void batchWritten(int rows, long latencyNanos) {
        }

        @Override
        public void inFlight(int delta) {
        }
    };

    /** A block (batch) or pack of rows became durable. */
    void batchWritten(int rows, long latencyNanos);

    /** A request started (+1) or ended (-1). */
    void inFlight(int delta);
}
