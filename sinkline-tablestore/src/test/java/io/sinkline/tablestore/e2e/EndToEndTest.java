package io.sinkline.tablestore.e2e;

import io.sinkline.emulator.tablestore.TablestoreEmulator;
import io.sinkline.testing.KafkaConnectHarness;
import io.sinkline.testing.TestProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** An end-to-end test class: its tests share one {@link SinkStack}, started before the first and closed after the last. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndTest {

    protected SinkStack stack;
    protected TablestoreEmulator ots;
    protected KafkaConnectHarness kafka;
    protected Tables tables;
    protected TestProducer producing;

    /** The stack this class runs on; a class overrides it for other emulator or worker options. */
    protected SinkStack startStack() throws Exception {
        return SinkStack.start();
    }

    @BeforeAll
    void startTheStack() throws Exception {
        stack = startStack();
        ots = stack.ots;
        kafka = stack.kafka;
        tables = stack.tables;
        producing = stack.producing;
    }

    @AfterAll
    void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }
}
