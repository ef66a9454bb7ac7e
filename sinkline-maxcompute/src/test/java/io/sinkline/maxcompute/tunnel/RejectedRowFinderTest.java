package io.sinkline.maxcompute.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import com.aliyun.odps.tunnel.TunnelException;

import io.sinkline.core.offsets.OffsetTracker;
import io.sinkline.maxcompute.errors.WriteFailures;

class RejectedRowFinderTest {

    private final OffsetTracker tracker = new OffsetTracker();

    private List<BufferedRow> rows(int count) {
        tracker.open(List.of(new TopicPartition("t", 0)));
        return IntStream.range(0, count).mapToObj(i -> {
            SinkRecord record = new SinkRecord("t", 0, null, null, null, "v" + i, i);
            return new BufferedRow(new Object[] {"v" + i}, tracker.track(record), record);
        }).toList();
    }

    /** As the Tunnel answers a block with a record that does not validate: 400 MalformedDataStream, nothing taken. */
    private static TunnelException refusal(String column) {
        String body = "{\"Code\":\"MalformedDataStream\",\"Message\":\"column " + column + ": NULL in a NOT NULL column\"}";
        return new TunnelException("req-1", new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 400);
    }

    /** A service that refuses any request holding a row whose value is in {@code bad}, and keeps what it took. */
    private static final class Service {
        final Set<String> bad;
        final List<String> taken = Collections.synchronizedList(new ArrayList<>());
        int requests;

        Service(Set<String> bad) {
            this.bad = bad;
        }

        CompletableFuture<Void> send(List<BufferedRow> chunk) {
            requests++;
            if (chunk.stream().anyMatch(row -> bad.contains((String) row.values()[0]))) {
                // as the SDK's RecordWriter.close reports it
                return CompletableFuture.failedFuture(new CompletionException(new IOException("refused", refusal("name"))));
            }
            chunk.forEach(row -> taken.add((String) row.values()[0]));
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void aBatchThatLandsCostsOneRequestAndRefusesNothing() {
        Service service = new Service(Set.of());
        List<RejectedRow> rejected = RejectedRowFinder.write(rows(100), service::send).join();
        assertThat(rejected).isEmpty();
        assertThat(service.requests).isEqualTo(1);
        assertThat(service.taken).hasSize(100);
    }

    @Test
    void halvingFindsExactlyTheRefusedRowsAndEveryOtherRowLandsOnce() {
        Service service = new Service(Set.of("v0", "v37", "v38", "v99"));
        List<RejectedRow> rejected = RejectedRowFinder.write(rows(100), service::send).join();

        assertThat(rejected).extracting(r -> (String) r.row().values()[0]).containsExactly("v0", "v37", "v38", "v99");
        assertThat(rejected).allSatisfy(r -> assertThat(r.reason())
                .isEqualTo("MalformedDataStream: column name: NULL in a NOT NULL column"));
        assertThat(service.taken).hasSize(96).doesNotHaveDuplicates().doesNotContain("v0", "v37", "v38", "v99");
        assertThat(service.requests).isLessThan(100); // halving, not one request per row
    }

    @Test
    void aSingleRefusedRowIsReturnedWithTheServiceReason() {
        Service service = new Service(Set.of("v0"));
        assertThat(RejectedRowFinder.write(rows(1), service::send).join()).singleElement()
                .satisfies(r -> assertThat(r.cause()).hasRootCauseInstanceOf(TunnelException.class));
    }

    @Test
    void anyOtherFailureFailsTheWriteWithoutHalving() {
        int[] requests = {0};
        CompletableFuture<List<RejectedRow>> write = RejectedRowFinder.write(rows(8), chunk -> {
            requests[0]++;
            return CompletableFuture.failedFuture(new IOException("connection reset"));
        });
        assertThatThrownBy(write::join).hasRootCauseMessage("connection reset");
        assertThat(requests[0]).isEqualTo(1);
    }

    @Test
    void onlyA400MalformedDataStreamOrTheSdksSchemaCheckCountsAsRefusedData() {
        assertThat(WriteFailures.dataRejection(new IOException("x", refusal("c")))).contains(
                "MalformedDataStream: column c: NULL in a NOT NULL column");
        String busy = "{\"Code\":\"SlotExceeded\",\"Message\":\"busy\"}";
        assertThat(WriteFailures.isDataRejection(new TunnelException("r",
                new ByteArrayInputStream(busy.getBytes(StandardCharsets.UTF_8)), 400))).isFalse();
        String internal = "{\"Code\":\"MalformedDataStream\",\"Message\":\"?\"}";
        assertThat(WriteFailures.isDataRejection(new TunnelException("r",
                new ByteArrayInputStream(internal.getBytes(StandardCharsets.UTF_8)), 500))).isFalse();
        assertThat(WriteFailures.isDataRejection(new com.aliyun.odps.exceptions.SchemaMismatchRuntimeException(
                "InvalidData: VARCHAR(5) data is overflow"))).isTrue();
        assertThat(WriteFailures.isDataRejection(new IOException("connection reset"))).isFalse();
    }
}
