package io.sinkline.bench.sink;

import java.util.List;
import java.util.Map;

/**
 * One sink service as the end-to-end benchmark sees it: tables of one layout, created, written
 * straight through the SDK (the ceiling's path) and counted through the SDK, and the connector's
 * configuration. The benchmark names the tables.
 */
public interface SinkUnderTest extends AutoCloseable {

    /** A short name for the report, e.g. "Tablestore". */
    String service();

    /** How the raw SDK path writes, for the report (e.g. "2 TableStoreWriters, 200 rows per batch"). */
    String ceilingDescription();

    /** Creates a table of the benchmark's layout. */
    void createTable(String table) throws Exception;

    /**
     * Drops a table the benchmark is done with, so the emulator does not carry earlier rounds' rows
     * (the Tablestore emulator keeps rows on the heap: later rounds paid more and more GC).
     */
    void dropTable(String table) throws Exception;

    /**
     * Writes records {@code [0, records)} straight through the SDK into {@code table}, with the
     * batching the connector is given, and returns once every row is durable and visible.
     */
    void writeDirect(String table, SampleTopic topic, int records) throws Exception;

    /** The connector configuration (without name), tasks.max included, writing {@code topic} into {@code table}. */
    Map<String, String> connectorConfig(String table, SampleTopic topic, int tasks);

    /**
     * Distinct records of {@code topic} visible in {@code table} through the SDK, up to
     * {@code records}; called once per path, after its clock has stopped.
     */
    long visibleRecords(String table, SampleTopic topic, int records) throws Exception;

    /** Facts for the report once the connector is done (e.g. duplicates); none by default. */
    default List<String> notesAfterRun(String table, SampleTopic topic, int records) throws Exception {
        return List.of();
    }

    /** Releases the SDK clients. */
    @Override
    default void close() {
    }
}
