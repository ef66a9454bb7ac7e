package io.sinkline.bench.sink;

/** How long one path took to write a number of records. */
public record Measurement(String what, long records, long nanos) {

    public double seconds() {
        return nanos / 1e9;
    }

    public double recordsPerSecond() {
        return records / seconds();
    }

    /** This throughput as a share of another's, in percent. */
    public double percentOf(Measurement ceiling) {
        return 100.0 * recordsPerSecond() / ceiling.recordsPerSecond();
    }
}
