package io.sinkline.maxcompute.e2e;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;

import io.sinkline.emulator.maxcompute.MaxComputeEmulatorOptions;
import io.sinkline.testing.Await;
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
        return start(UnaryOperator.identity());
    }

    /** As {@link #start()}, with the harness's options adjusted (e.g. a worker property). */
    static EndToEndStack start(UnaryOperator<KafkaConnectHarness.Builder> options) {
        return start(UnaryOperator.identity(), options);
    }

    /** As {@link #start()}, with the emulator's and the harness's options adjusted. */
    static EndToEndStack start(UnaryOperator<MaxComputeEmulatorOptions.Builder> emulator,
                               UnaryOperator<KafkaConnectHarness.Builder> options) {
        MaxComputeFixture mc = new MaxComputeFixture(emulator);
        try {
            // The harness's broker keeps records forever, so the seeds' 2023/2024 timestamps are safe.
            return new EndToEndStack(mc, options.apply(KafkaConnectHarness.builder().workers(1)).start());
        } catch (RuntimeException e) {
            mc.close();
            throw e;
        }
    }

    /**
     * Waits until every partition of a new topic has a leader: producing into a topic whose
     * leaders are still moving can wedge the idempotent producer (OutOfOrderSequence).
     */
    void awaitLeaders(String topic, int partitions) {
        try (Admin admin = kafka.connect().kafka().createAdminClient()) {
            Await.until(topic + " has leaders", Duration.ofSeconds(30), () -> {
                try {
                    TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                    return description.partitions().size() == partitions
                            && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                } catch (Exception notYet) {
                    return false;
                }
            });
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
