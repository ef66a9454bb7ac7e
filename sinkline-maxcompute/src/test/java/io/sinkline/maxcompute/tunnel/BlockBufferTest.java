package io.sinkline.maxcompute.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import com.aliyun.odps.Column;
import com.aliyun.odps.tunnel.io.CompressOption;

import io.sinkline.core.offsets.OffsetTracker;
import io.sinkline.core.offsets.PendingRecord;
import io.sinkline.maxcompute.format.Tables;

class BlockBufferTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    private final List<Column> columns = Tables.flatten().getColumns();
    private final BlockBuffer buffer = new BlockBuffer(
            new BlockFormat(columns, new CompressOption(CompressOption.CompressAlgorithm.ODPS_ZLIB, 1, 0), 2));
    private final OffsetTracker tracker = new OffsetTracker();

    private boolean add(String tablePartition, TopicPartition kafkaPartition, long offset, Object id) {
        PendingRecord pending = tracker.track(kafkaPartition, offset);
        return buffer.add(tablePartition, new Object[] {"orders", (long) kafkaPartition.partition(), offset, id, "n", null},
                pending, 1000 + offset);
    }

    @Test
    void blocksHoldOneKafkaPartitionAndAreSealedAtTheirRowCount() {
        add("pt-a", P0, 0, 1L);
        add("pt-a", P1, 0, 2L);
        add("pt-a", P0, 1, 3L);
        add("pt-a", P0, 2, 4L);
        add("pt-b", P0, 3, 5L);

        assertThat(buffer.level().rows()).isEqualTo(5);
        assertThat(buffer.level().bytes()).as("48 bytes per row for its handle, plus the encoded bytes").isGreaterThanOrEqualTo(5 * 48);
        assertThat(buffer.level().ageMillis(1010)).isEqualTo(10);

        Map<String, List<EncodedBlock>> drained = buffer.drain();
        assertThat(drained).containsOnlyKeys("pt-a", "pt-b");
        assertThat(drained.get("pt-a")).extracting(EncodedBlock::kafkaPartition, EncodedBlock::firstOffset, EncodedBlock::lastOffset)
                .containsExactlyInAnyOrder(
                        tuple(P0, 0L, 1L),
                        tuple(P0, 2L, 2L),
                        tuple(P1, 0L, 0L));
        assertThat(drained.get("pt-b")).singleElement().extracting(EncodedBlock::rows).isEqualTo(1);
        assertThat(buffer.level().isEmpty()).isTrue();
        assertThat(buffer.level().bytes()).isZero();
        assertThat(buffer.level().ageMillis(5000)).isZero();
    }

    @Test
    void removingAKafkaPartitionDropsItsBlocksAndKeepsTheOthers() {
        add("pt-a", P0, 0, 1L);
        add("pt-a", P0, 1, 2L);
        add("pt-a", P0, 2, 3L);
        add("pt-a", P1, 0, 4L);

        assertThat(buffer.removeKafkaPartitions(List.of(P0))).isEqualTo(3);
        assertThat(buffer.level().rows()).isEqualTo(1);
        assertThat(buffer.drain().get("pt-a")).singleElement().extracting(EncodedBlock::kafkaPartition).isEqualTo(P1);
    }

    @Test
    void aRowThatCannotBeEncodedBreaksItsBlockWhichKeepsTheHandlesOfItsRows() {
        assertThat(add("pt-a", P0, 0, 1L)).isTrue();
        assertThat(add("pt-a", P0, 1, "not a BIGINT")).as("the row cannot be encoded").isFalse();

        EncodedBlock block = buffer.drain().get("pt-a").get(0);
        assertThat(block.broken()).hasValueSatisfying(reason -> assertThat(reason).contains("encoding a row failed"));
        assertThat(block.rows()).as("both records are read again").isEqualTo(2);
        assertThat(block.lastOffset()).isEqualTo(1);
    }
}
