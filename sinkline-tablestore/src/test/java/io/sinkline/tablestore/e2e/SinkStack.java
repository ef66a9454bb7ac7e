package io.sinkline.tablestore.e2e;

import io.sinkline.emulator.tablestore.TablestoreEmulator;
import io.sinkline.emulator.tablestore.TablestoreEmulatorOptions;
import io.sinkline.testing.KafkaConnectHarness;
import io.sinkline.testing.TestProducer;

/**
 * What every end-to-end test class starts once: the Tablestore emulator, a broker with Connect
 * workers, a checked producer and an SDK reader of the tables. Closed in reverse order.
 */
final class SinkStack implements AutoCloseable {
    final TablestoreEmulator ots;
    final KafkaConnectHarness kafka;
    final Tables tables;
    final TestProducer producing;

    private SinkStack(TablestoreEmulator ots, KafkaConnectHarness kafka) {
        this.ots = ots;
        this.kafka = kafka;
        this.tables = new Tables(ots);
        this.producing = kafka.producer();
    }

    static SinkStack start(TablestoreEmulatorOptions.Builder emulator, KafkaConnectHarness.Builder harness) {
        TablestoreEmulator ots = TablestoreEmulator.start(emulator.port(0).build());
        try {
            return new SinkStack(ots, harness.start());
        } catch (RuntimeException e) {
            ots.close();
            throw e;
        }
    }

    static SinkStack start() {
        return start(TablestoreEmulatorOptions.builder(), KafkaConnectHarness.builder().workers(1));
    }

    @Override
    public void close() {
        tables.close();
        kafka.close();
        ots.close();
    }
}
