package io.sinkline.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.sinkline.maxcompute.Redeliveries.Route;

class RedeliveriesTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    private final Redeliveries redeliveries = new Redeliveries();

    @Test
    void untilConnectSeeksBackTheRewoundPartitionsRecordsAreStale() {
        redeliveries.rewind(P0, 10, 12, new long[] {13});

        assertThat(redeliveries.route(P0, 20)).isEqualTo(Route.STALE);
        assertThat(redeliveries.route(P0, 10)).isEqualTo(Route.STALE);
        assertThat(redeliveries.route(P1, 20)).isEqualTo(Route.BLOCKS);
    }

    @Test
    void afterTheSeekRefusedRecordsAreRowsDurableOnesAreSkippedAndLaterOnesEncoded() {
        redeliveries.rewind(P0, 10, 12, new long[] {11, 14});
        redeliveries.sought();

        assertThat(redeliveries.route(P0, 10)).isEqualTo(Route.ROWS);
        assertThat(redeliveries.route(P0, 11)).isEqualTo(Route.DURABLE);
        assertThat(redeliveries.route(P0, 12)).isEqualTo(Route.ROWS);
        assertThat(redeliveries.route(P0, 13)).isEqualTo(Route.BLOCKS);
        assertThat(redeliveries.isEmpty()).isFalse();
        assertThat(redeliveries.route(P0, 14)).isEqualTo(Route.DURABLE);
        assertThat(redeliveries.isEmpty()).as("past everything it knew: back to normal").isTrue();
        assertThat(redeliveries.route(P0, 15)).isEqualTo(Route.BLOCKS);
    }

    @Test
    void aRevokedPartitionIsForgotten() {
        redeliveries.rewind(P0, 10, 12, new long[0]);
        redeliveries.forget(List.of(P0));

        assertThat(redeliveries.isEmpty()).isTrue();
    }
}
