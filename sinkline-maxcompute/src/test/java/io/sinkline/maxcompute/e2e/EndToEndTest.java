package io.sinkline.maxcompute.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import io.sinkline.testing.KafkaConnectHarness;

/** An end-to-end test class: its tests share one {@link EndToEndStack}, started before the first and closed after the last. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndTest {

    protected EndToEndStack stack;
    protected KafkaConnectHarness kafka;
    protected MaxComputeFixture mc;

    /** The stack this class runs on; a class overrides it for other emulator or worker options. */
    protected EndToEndStack startStack() {
        return EndToEndStack.start();
    }

    @BeforeAll
    void startTheStack() {
        stack = startStack();
        kafka = stack.kafka;
        mc = stack.mc;
    }

    @AfterAll
    void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }
}
