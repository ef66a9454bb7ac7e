package io.sinkline.bench.sink;

/**
 * How long one path took to write a number of records: wall-clock time, and the CPU time this
 * JVM spent meanwhile (broker, workers, emulator and clients together). On a machine shared with
 * other work the CPU figure moves much less than the wall clock.
 */
public record Measurement(String what, long records, long nanos, long cpuNanos) {

    /** A measurement from two readings of {@link ProcessClock}. */
    public static Measurement between(String what, long records, ProcessClock.Reading start, ProcessClock.Reading end) {
        return new Measurement(what, records, end.nanos() - start.nanos(), end.cpuNanos() - start.cpuNanos());
    }

    public double seconds() {
        return nanos / 1e9;
    }

    public double cpuSeconds() {
        return cpuNanos / 1e9;
    }

    public double recordsPerSecond() {
        return records / seconds();
    }

    public double recordsPerCpuSecond() {
        return records / cpuSeconds();
    }

    /** This throughput as a share of another's, in percent. */
    public double percentOf(Measurement ceiling) {
        return 100.0 * recordsPerSecond() / ceiling.recordsPerSecond();
    }

    /** Records per CPU-second as a share of another's, in percent. */
    public double cpuPercentOf(Measurement ceiling) {
        return 100.0 * recordsPerCpuSecond() / ceiling.recordsPerCpuSecond();
    }
}
