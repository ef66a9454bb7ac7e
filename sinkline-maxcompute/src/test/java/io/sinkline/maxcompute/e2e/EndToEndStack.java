package io.sinkline.maxcompute.e2e;

import io.sinkline.testing.KafkaConnectHarness;

/** What every end-to-end test class runs on: the MaxCompute emulator and one Connect cluster. */
final class EndToEndStack implements AutoCloseable {

    final MaxComputeFixture mc;
    final KafkaConnectHarness kafka;

    private EndToEndStack(MaxComputeFixture mc, KafkaConnectHarness kafka) {
        this.mc = mc;
        this.kafka = kafka;
    }

    static EndToEndStack start() {
        MaxComputeFixture mc = new MaxComputeFixture();
        try {
            // hybrid_warn: a core plugin (EventPatternPredicate) has no ServiceLoader manifest yet, which service_load refuses.
            return new EndToEndStack(mc, KafkaConnectHarness.builder().workers(1)
                    .workerProperty("plugin.discovery", "hybrid_warn").start());
        } catch (RuntimeException e) {
            mc.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            mc.close();
        }
    }
}
