package io.sinkline.bench.sink;

import java.util.List;
import java.util.Map;

/**
 * One sink service as the end-to-end benchmark sees it: two tables of the same layout (one the
 * raw SDK fills, one the connector fills), the ceiling writer, the connector's configuration, and
 * a row count read through the official SDK.
 */
public interface SinkUnderTest {

    /** A short name for the report, e.g. "Tablestore". */
    String service();

    /** How the raw SDK path writes, for the report (e.g. "2 TableStoreWriters, 200 rows per batch"). */
    String ceilingDescription();

    /** Creates the warm-up table, the ceiling table and the connector's table, all with the same layout. */
    void createTables(SampleTopic topic) throws Exception;

    /**
     * Writes records {@code [0, records)} through the ceiling's path into the warm-up table, so
     * neither measured path pays for the JIT compiling the SDK and the emulator.
     */
    void warmUp(SampleTopic topic, int records) throws Exception;

    /**
     * Writes records {@code [0, records)} straight through the SDK into the ceiling table, with
     * the same batching the connector is given, and returns once every row is durable.
     */
    void writeCeiling(SampleTopic topic, int records) throws Exception;

    /** Rows of the ceiling table, read through the SDK (a check that the ceiling wrote them all). */
    long ceilingRows(SampleTopic topic) throws Exception;

    /** The connector configuration (without name), tasks.max included. */
    Map<String, String> connectorConfig(SampleTopic topic, int tasks);

    /** Rows of the connector's table visible through the SDK; called repeatedly while it runs. */
    long connectorRows(SampleTopic topic, int records) throws Exception;

    /** Facts for the report once the connector is done (e.g. duplicates); none by default. */
    default List<String> notesAfterRun(SampleTopic topic, int records) throws Exception {
        return List.of();
    }
}
