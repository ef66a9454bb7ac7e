package io.sinkline.emulator.tablestore.protocol;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import io.sinkline.emulator.tablestore.error.OtsErrorCode;
import io.sinkline.emulator.tablestore.error.OtsException;
import io.sinkline.emulator.tablestore.stream.Shard;
import io.sinkline.emulator.tablestore.stream.StreamRecord;
import io.sinkline.emulator.tablestore.stream.StreamRegistry;
import io.sinkline.emulator.tablestore.stream.TableStream;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** ListStream, DescribeStream, GetShardIterator, GetStreamRecord. */
public final class StreamActions {
    private static final int DEFAULT_RECORD_LIMIT = 100;
    private static final int MAX_RECORD_LIMIT = 1000;

    private final StreamRegistry streams;

    public StreamActions(StreamRegistry streams) {
        this.streams = streams;
    }

    public void register(ActionRegistry r) {
        r.register("ListStream", b -> listStream(OtsInternalApi.ListStreamRequest.parseFrom(b)))
                .register("DescribeStream", b -> describeStream(OtsInternalApi.DescribeStreamRequest.parseFrom(b)))
                .register("GetShardIterator", b -> getShardIterator(OtsInternalApi.GetShardIteratorRequest.parseFrom(b)))
                .register("GetStreamRecord", b -> getStreamRecord(OtsInternalApi.GetStreamRecordRequest.parseFrom(b)));
    }

    private OtsInternalApi.ListStreamResponse listStream(OtsInternalApi.ListStreamRequest req) {
        OtsInternalApi.ListStreamResponse.Builder out = OtsInternalApi.ListStreamResponse.newBuilder();
        for (TableStream s : streams.streams(req.hasTableName() ? req.getTableName() : null)) {
            out.addStreams(OtsInternalApi.Stream.newBuilder().setStreamId(s.streamId()).setTableName(s.tableName())
                    .setCreationTime(s.creationTimeMicros()));
        }
        return out.build();
    }

    private OtsInternalApi.DescribeStreamResponse describeStream(OtsInternalApi.DescribeStreamRequest req) {
        TableStream s = streams.stream(req.getStreamId());
        List<Shard> shards = s.shards(streams.nowMicros());
        int limit = req.hasShardLimit() && req.getShardLimit() > 0 ? req.getShardLimit() : Integer.MAX_VALUE;
        int start = 0;
        if (req.hasInclusiveStartShardId()) {
            start = -1;
            for (int i = 0; i < shards.size(); i++) {
                if (shards.get(i).id().equals(req.getInclusiveStartShardId())) {
                    start = i;
                }
            }
            if (start < 0) {
                throw OtsException.invalid("Unknown start shard id: " + req.getInclusiveStartShardId() + ".");
            }
        }
        OtsInternalApi.DescribeStreamResponse.Builder out = OtsInternalApi.DescribeStreamResponse.newBuilder()
                .setStreamId(s.streamId()).setExpirationTime(s.expirationHours()).setTableName(s.tableName())
                .setCreationTime(s.creationTimeMicros()).setStreamStatus(OtsInternalApi.StreamStatus.STREAM_ACTIVE);
        int end = (int) Math.min(shards.size(), (long) start + limit);
        for (int i = start; i < end; i++) {
            Shard sh = shards.get(i);
            OtsInternalApi.StreamShard.Builder b = OtsInternalApi.StreamShard.newBuilder().setShardId(sh.id());
            if (sh.parentId() != null) {
                b.setParentId(sh.parentId());
            }
            if (sh.parentSiblingId() != null) {
                b.setParentSiblingId(sh.parentSiblingId());
            }
            out.addShards(b);
        }
        if (end < shards.size()) {
            out.setNextShardId(shards.get(end).id());
        }
        return out.build();
    }

    private OtsInternalApi.GetShardIteratorResponse getShardIterator(OtsInternalApi.GetShardIteratorRequest req) {
        TableStream s = streams.stream(req.getStreamId());
        Shard shard = s.shard(req.getShardId(), streams.nowMicros());
        long position = req.hasTimestamp() ? shard.positionAt(req.getTimestamp()) : shard.base();
        return OtsInternalApi.GetShardIteratorResponse.newBuilder()
                .setShardIterator(iterator(s.streamId(), shard.id(), position)).build();
    }

    private OtsInternalApi.GetStreamRecordResponse getStreamRecord(OtsInternalApi.GetStreamRecordRequest req) {
        String[] it = decodeIterator(req.getShardIterator());
        TableStream s = streams.stream(it[0]);
        Shard shard;
        try {
            shard = s.shard(it[1], streams.nowMicros());
        } catch (OtsException e) {
            throw new OtsException(OtsErrorCode.TRIMMED_DATA_ACCESS, "The shard has expired: " + it[1] + ".");
        }
        long position = Long.parseLong(it[2]);
        if (position < shard.base()) {
            throw new OtsException(OtsErrorCode.TRIMMED_DATA_ACCESS,
                    "Requested stream data is already trimmed or does not exist.");
        }
        int limit = req.hasLimit() && req.getLimit() > 0 ? Math.min(req.getLimit(), MAX_RECORD_LIMIT) : DEFAULT_RECORD_LIMIT;
        boolean closed = shard.closed(); // read before the records: a record is never added after closing
        List<StreamRecord> records = shard.read(position, limit);
        long next = position + records.size();
        OtsInternalApi.GetStreamRecordResponse.Builder out = OtsInternalApi.GetStreamRecordResponse.newBuilder();
        for (StreamRecord r : records) {
            out.addStreamRecords(StreamRecordCodec.encode(r));
        }
        boolean more = next < shard.end();
        if (!closed || more) {
            out.setNextShardIterator(iterator(s.streamId(), shard.id(), next));
        }
        return out.setMayMoreRecord(more).build();
    }

    private static String iterator(String streamId, String shardId, long position) {
        String raw = streamId + "\n" + shardId + "\n" + position;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decodeIterator(String iterator) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(iterator), StandardCharsets.UTF_8).split("\n");
            if (parts.length != 3) {
                throw new IllegalArgumentException("parts");
            }
            Long.parseLong(parts[2]);
            return parts;
        } catch (IllegalArgumentException e) {
            throw OtsException.invalid("Invalid shard iterator.");
        }
    }
}
