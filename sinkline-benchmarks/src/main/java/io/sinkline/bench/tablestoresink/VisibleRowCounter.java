package io.sinkline.bench.tablestoresink;

import io.sinkline.bench.sink.SampleTopic;

/**
 * Counts the rows of a table keyed by (topic_partition, offset) that are visible from offset 0
 * on without a gap, per Kafka partition, remembering where each partition's gap was: polling it
 * often costs about one read of each row in total, not a full scan per poll, so the count
 * barely competes with the connector it watches.
 */
final class VisibleRowCounter {

    private final TablestoreTables tables;
    private final String table;
    private final SampleTopic topic;
    private final long[] contiguous;

    VisibleRowCounter(TablestoreTables tables, String table, SampleTopic topic) {
        this.tables = tables;
        this.table = table;
        this.topic = topic;
        this.contiguous = new long[topic.partitions()];
    }

    /** Rows visible without a gap, over all partitions, never more than {@code records}. */
    long count(long records) {
        long total = 0;
        for (int p = 0; p < contiguous.length; p++) {
            long expected = topic.recordsIn(p, records);
            if (contiguous[p] < expected) {
                contiguous[p] = tables.firstMissingOffset(table, topic, p, contiguous[p]);
            }
            total += Math.min(contiguous[p], expected);
        }
        return total;
    }
}
