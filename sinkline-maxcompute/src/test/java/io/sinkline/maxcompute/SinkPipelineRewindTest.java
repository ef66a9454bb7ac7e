package io.sinkline.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.aliyun.odps.tunnel.io.CompressOption;

import io.sinkline.core.errors.ErrorHandler;
import io.sinkline.core.errors.ErrorTolerance;
import io.sinkline.core.metrics.SinkTaskMetrics;
import io.sinkline.core.offsets.OffsetTracker;
import io.sinkline.maxcompute.SinkPipelineTest.CollectingReporter;
import io.sinkline.maxcompute.SinkPipelineTest.ManualWriter;
import io.sinkline.maxcompute.config.RecordFormat;
import io.sinkline.maxcompute.config.RecordMode;
import io.sinkline.maxcompute.format.RowFormatter;
import io.sinkline.maxcompute.format.RowFormatters;
import io.sinkline.maxcompute.format.TableLayout;
import io.sinkline.maxcompute.format.Tables;
import io.sinkline.maxcompute.tunnel.BlockBuffer;
import io.sinkline.maxcompute.tunnel.BlockFormat;
import io.sinkline.maxcompute.tunnel.BlockWriter;
import io.sinkline.maxcompute.tunnel.EncodedBlock;
import io.sinkline.maxcompute.tunnel.RefusedBlock;

/** Batch Tunnel: rows encoded into blocks, and what happens when the service refuses a block. */
class SinkPipelineRewindTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    /** A block writer whose flushes the test completes by hand. */
    static final class ManualBlockWriter implements BlockWriter {
        final List<Map<String, List<EncodedBlock>>> flushes = new ArrayList<>();
        final List<CompletableFuture<List<RefusedBlock>>> results = new ArrayList<>();

        @Override
        public CompletableFuture<List<RefusedBlock>> writeBlocks(Map<String, List<EncodedBlock>> blocksByPartition) {
            flushes.add(blocksByPartition);
            CompletableFuture<List<RefusedBlock>> result = new CompletableFuture<>();
            results.add(result);
            return result;
        }

        /** As the writer does: the blocks {@code refused} selects come back refused, the others are durable. */
        void complete(int flush, Predicate<EncodedBlock> refused) {
            List<RefusedBlock> back = new ArrayList<>();
            blocks(flush).forEach(block -> {
                if (refused.test(block)) {
                    back.add(new RefusedBlock(block, "MalformedDataStream: NULL in a NOT NULL column"));
                } else {
                    block.acknowledge();
                }
            });
            results.get(flush).complete(back);
        }

        List<EncodedBlock> blocks(int flush) {
            return flushes.get(flush).values().stream().flatMap(List::stream).toList();
        }
    }

    private final ManualWriter rowWriter = new ManualWriter();
    private final ManualBlockWriter blockWriter = new ManualBlockWriter();
    private final List<Map<TopicPartition, Long>> rewinds = new ArrayList<>();
    private final SinkTaskMetrics metrics = SinkTaskMetrics.register("maxcompute", "rewind-test-" + UUID.randomUUID(), 0);
    private final CollectingReporter reporter = new CollectingReporter();
    private final TableLayout layout = TableLayout.of("t", Tables.flatten(), RecordFormat.FLATTEN, RecordMode.VALUE);
    private final RowFormatter flatten = RowFormatters.create(RecordFormat.FLATTEN, RecordMode.VALUE, layout, ',', "\\N",
            ZoneId.of("UTC"));

    /** Blocks of 3 rows, deflate, one table partition per Kafka partition. */
    private SinkPipeline pipeline() {
        BlockFormat format = new BlockFormat(Tables.flatten().getColumns(),
                new CompressOption(CompressOption.CompressAlgorithm.ODPS_ZLIB, 1, 0), 3);
        BlockBuffer blocks = new BlockBuffer(format);
        return new SinkPipeline(flatten, record -> "pt-" + record.kafkaPartition(), rowWriter, blocks, blockWriter,
                rewinds::add, new ErrorHandler(ErrorTolerance.ALL, reporter), metrics, new OffsetTracker(), 1 << 20,
                60_000, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    }

    private static List<SinkRecord> records(TopicPartition tp, long from, long toInclusive) {
        return LongStream.rangeClosed(from, toInclusive).mapToObj(offset -> new SinkRecord(tp.topic(), tp.partition(),
                null, null, null, "{\"id\":" + offset + ",\"name\":\"n\"}", offset)).toList();
    }

    private static List<SinkRecord> concat(List<SinkRecord> a, List<SinkRecord> b) {
        List<SinkRecord> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @AfterEach
    void unregister() {
        metrics.close();
    }

    @Test
    void rowsAreEncodedIntoBlocksOfOneKafkaPartitionAndAcknowledgedWhenTheBlockIsDurable() {
        SinkPipeline pipeline = pipeline();
        pipeline.open(List.of(P0, P1));
        pipeline.put(concat(records(P0, 0, 4), records(P1, 0, 1)));
        assertThat(pipeline.bufferedRows()).isEqualTo(7);

        pipeline.flush(true);
        assertThat(rowWriter.flushes).as("no row is kept with its record").isEmpty();
        assertThat(blockWriter.blocks(0)).extracting(EncodedBlock::kafkaPartition, EncodedBlock::firstOffset,
                        EncodedBlock::lastOffset, EncodedBlock::rows)
                .containsExactlyInAnyOrder(
                        tuple(P0, 0L, 2L, 3),
                        tuple(P0, 3L, 4L, 2),
                        tuple(P1, 0L, 1L, 2));
        assertThat(blockWriter.blocks(0)).allSatisfy(block -> assertThat(block.bytes()).isPositive());
        assertThat(pipeline.preCommit()).as("nothing durable yet").isEmpty();

        blockWriter.complete(0, block -> false);
        assertThat(pipeline.preCommit()).containsOnly(
                Map.entry(P0, new OffsetAndMetadata(5)), Map.entry(P1, new OffsetAndMetadata(2)));
    }

    @Test
    void aRefusedBlockIsReadAgainRowByRowWhileRowsThatLandedAreNotWrittenTwice() {
        SinkPipeline pipeline = pipeline();
        pipeline.open(List.of(P0, P1));
        pipeline.put(concat(records(P0, 0, 5), records(P1, 0, 2)));
        pipeline.flush(true);
        // the service refuses P0's first block (offsets 0-2) and takes the others
        blockWriter.complete(0, block -> block.kafkaPartition().equals(P0) && block.firstOffset() == 0);
        pipeline.put(records(P0, 6, 7)); // this put() sees the refusal first: P0 is read again from offset 0
        assertThat(rewinds).containsExactly(Map.of(P0, 0L));
        assertThat(pipeline.bufferedRows()).as("P0's records in the same put() come again after the seek").isZero();
        assertThat(pipeline.preCommit()).containsOnly(Map.entry(P1, new OffsetAndMetadata(3)));

        // Connect seeks back and delivers P0 from offset 0
        pipeline.put(records(P0, 0, 9));
        pipeline.flush(true);
        assertThat(rowWriter.flushes).hasSize(1);
        assertThat(rowWriter.flushes.get(0).values().stream().flatMap(List::stream).map(row -> row.pending().offset()))
                .as("only the refused block's records are written row by row").containsExactly(0L, 1L, 2L);
        assertThat(blockWriter.blocks(1)).extracting(EncodedBlock::firstOffset, EncodedBlock::lastOffset)
                .as("3-5 landed before the rewind and are not written again; 6-9 are encoded again")
                .containsExactlyInAnyOrder(tuple(6L, 8L), tuple(9L, 9L));

        rowWriter.refuse(0, Set.of(1L));
        blockWriter.complete(1, block -> false);
        Map<TopicPartition, OffsetAndMetadata> committable = pipeline.preCommit(); // reports the refused row first
        assertThat(reporter.reported).singleElement().satisfies(failed -> {
            assertThat(failed.record().kafkaOffset()).isEqualTo(1);
            assertThat(failed.reason()).contains("NULL in a NOT NULL column");
        });
        assertThat(committable).containsOnly(
                Map.entry(P0, new OffsetAndMetadata(10)), Map.entry(P1, new OffsetAndMetadata(3)));
        assertThat(rewinds).as("rows are refused one by one now: no second rewind").hasSize(1);
    }

    @Test
    void aRevokedPartitionsRefusedBlockIsLeftToItsNextOwner() {
        SinkPipeline pipeline = pipeline();
        pipeline.open(List.of(P0, P1));
        pipeline.put(concat(records(P0, 0, 2), records(P1, 0, 2)));
        pipeline.flush(true);
        blockWriter.complete(0, block -> block.kafkaPartition().equals(P0));
        pipeline.close(List.of(P0));

        pipeline.put(records(P1, 3, 3));
        assertThat(rewinds).isEmpty();
        assertThat(pipeline.bufferedRows()).isEqualTo(1);
        assertThat(pipeline.preCommit()).containsOnly(Map.entry(P1, new OffsetAndMetadata(3)));
    }
}
