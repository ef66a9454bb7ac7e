package io.sinkline.core.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.Test;

class IdleCommitTest {
    private final RecordingContext context = new RecordingContext();
    private int unsettledRecords;
    private int pauses;
    private final IdleCommit idle = new IdleCommit(context, () -> unsettledRecords, () -> pauses++);

    @Test
    void whileRecordsArriveItOnlyShortensThePollAndNeverAsksForACommit() {
        unsettledRecords = 500;
        idle.afterPut(200);
        idle.afterPut(200);

        assertThat(context.timeouts).containsExactly(IdleCommit.IDLE_POLL_MS, IdleCommit.IDLE_POLL_MS);
        assertThat(context.commitRequests).isZero();
        assertThat(pauses).isZero();
    }

    @Test
    void anEmptyPollRunsOnPauseOnceThenAsksForACommitWhenAllAreSettled() {
        unsettledRecords = 300;
        idle.afterPut(300);

        idle.afterPut(0);
        assertThat(pauses).as("the input paused: onPause runs (a sink may send its buffer)").isEqualTo(1);
        assertThat(context.commitRequests).as("rows are still unsettled").isZero();
        idle.afterPut(0);
        assertThat(pauses).as("once per pause").isEqualTo(1);

        unsettledRecords = 0;
        idle.afterPut(0);
        assertThat(context.commitRequests).isEqualTo(1);
        assertThat(context.timeouts).as("a short poll after each put while rows were unsettled, not after the request")
                .hasSize(3);

        idle.afterPut(0);
        idle.afterPut(0);
        assertThat(context.commitRequests).as("nothing new to commit").isEqualTo(1);
        assertThat(context.timeouts).as("back to Connect's own poll timeout").hasSize(3);
    }

    @Test
    void newRecordsAfterAPauseStartOver() {
        unsettledRecords = 10;
        idle.afterPut(10);
        idle.afterPut(0);
        unsettledRecords = 0;
        idle.afterPut(0);
        assertThat(context.commitRequests).isEqualTo(1);

        unsettledRecords = 5;
        idle.afterPut(5);
        idle.afterPut(0);
        assertThat(pauses).as("again in the second pause").isEqualTo(2);
        unsettledRecords = 0;
        idle.afterPut(0);
        assertThat(context.commitRequests).isEqualTo(2);
    }

    @Test
    void anEmptyPollWithNothingPutAsksForNothing() {
        idle.afterPut(0);
        assertThat(context.commitRequests).isZero();
        assertThat(context.timeouts).isEmpty();
        assertThat(pauses).isZero();
    }

    /** The calls IdleCommit makes; everything else is unused. */
    private static final class RecordingContext implements SinkTaskContext {
        final List<Long> timeouts = new ArrayList<>();
        int commitRequests;

        @Override
        public void timeout(long timeoutMs) {
            timeouts.add(timeoutMs);
        }

        @Override
        public void requestCommit() {
            commitRequests++;
        }

        @Override
        public Map<String, String> configs() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void offset(Map<TopicPartition, Long> offsets) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void offset(TopicPartition tp, long offset) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<TopicPartition> assignment() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void pause(TopicPartition... partitions) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void resume(TopicPartition... partitions) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PluginMetrics pluginMetrics() {
            throw new UnsupportedOperationException();
        }
    }
}
