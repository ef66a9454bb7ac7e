package io.sinkline.bench.sink;

import java.util.List;

/**
 * The work around the measured paths, never on a clock: filling a topic, counting rows. It runs
 * in the benchmark's JVM, or (with {@code --jvms separate}) in a tools JVM, so that producing a
 * million records and reading a million rows back between rounds leaves no garbage, compiled
 * code or type profiles behind in the JVM the connector runs in.
 */
public interface SideWork {

    /** Produces records {@code [0, records)} into {@code topic}, which exists. */
    void produce(String bootstrapServers, SampleTopic topic, int records) throws Exception;

    /** {@link SinkUnderTest#visibleRecords}. */
    long visibleRecords(String table, SampleTopic topic, int records) throws Exception;

    /** {@link SinkUnderTest#notesAfterRun}. */
    List<String> notesAfterRun(String table, SampleTopic topic, int records) throws Exception;

    /** Side work done right here, by {@code sink}'s clients. */
    static SideWork inThisJvm(SinkUnderTest sink) {
        return new SideWork() {
            @Override
            public void produce(String bootstrapServers, SampleTopic topic, int records) {
                KafkaLoader.produce(bootstrapServers, topic, records);
            }

            @Override
            public long visibleRecords(String table, SampleTopic topic, int records) throws Exception {
                return sink.visibleRecords(table, topic, records);
            }

            @Override
            public List<String> notesAfterRun(String table, SampleTopic topic, int records) throws Exception {
                return sink.notesAfterRun(table, topic, records);
            }
        };
    }
}
