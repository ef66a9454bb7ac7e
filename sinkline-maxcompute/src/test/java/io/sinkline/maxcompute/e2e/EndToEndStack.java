package io.sinkline.maxcompute.e2e;

import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;

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
            // The harness's broker keeps records forever, so the seeds' 2023/2024 timestamps are safe.
            return new EndToEndStack(mc, KafkaConnectHarness.builder().workers(1).start());
        } catch (RuntimeException e) {
            mc.close();
            throw e;
        }
    }

    /** The connector's and its tasks' states, with the first line of any trace: for timeout messages. */
    String status(String connector) {
        try {
            ConnectorStateInfo info = kafka.connectorStatus(connector);
            StringBuilder text = new StringBuilder(connector).append(' ').append(info.connector().state());
            for (ConnectorStateInfo.TaskState task : info.tasks()) {
                text.append(", task ").append(task.id()).append(' ').append(task.state());
                if (task.trace() != null) {
                    text.append(" (").append(task.trace().lines().findFirst().orElse("")).append(')');
                }
            }
            return text.toString();
        } catch (RuntimeException e) {
            return connector + " status unavailable: " + e.getMessage();
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
