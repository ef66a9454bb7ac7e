package io.sinkline.bench.sink;

/**
 * The benchmark topic: record {@code i} goes to partition {@code i % partitions}, so on a fresh
 * topic fed by one ordered producer its offset is {@code i / partitions}. The raw SDK ceiling
 * uses the same coordinates, so both paths write rows with the same primary keys.
 */
public record SampleTopic(String name, int partitions) {

    public int partitionOf(long index) {
        return (int) (index % partitions);
    }

    public long offsetOf(long index) {
        return index / partitions;
    }

    /** How many of the first {@code records} records land in {@code partition}. */
    public long recordsIn(int partition, long records) {
        return records / partitions + (partition < records % partitions ? 1 : 0);
    }
}
