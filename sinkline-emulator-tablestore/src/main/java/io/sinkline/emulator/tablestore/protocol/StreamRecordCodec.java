package io.sinkline.emulator.tablestore.protocol;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferCell;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferConsts;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferRow;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import io.sinkline.emulator.tablestore.engine.ColumnChange;
import io.sinkline.emulator.tablestore.engine.RowChange;
import io.sinkline.emulator.tablestore.stream.StreamRecord;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream record as GetStreamRecord carries it: a PlainBuffer row whose cells carry the per-column
 * operation, plus the row extension with the sequence info (epoch, timestamp, row index).
 */
final class StreamRecordCodec {
    /** TAG_SEQ_INFO_EPOCH + int32, TAG_SEQ_INFO_TS + int64, TAG_SEQ_INFO_ROW_INDEX + int32. */
    private static final int SEQ_INFO_LENGTH = 1 + 4 + 1 + 8 + 1 + 4;
    /** TAG_EXTENSION + length + TAG_SEQ_INFO + length + the sequence info. */
    private static final int EXTENSION_BYTES = 1 + 4 + 1 + 4 + SEQ_INFO_LENGTH;

    private StreamRecordCodec() {
    }

    static OtsInternalApi.GetStreamRecordResponse.StreamRecord encode(StreamRecord record) {
        RowChange change = record.change();
        OtsInternalApi.ActionType action = switch (change.kind()) {
            case PUT -> OtsInternalApi.ActionType.PUT_ROW;
            case UPDATE -> OtsInternalApi.ActionType.UPDATE_ROW;
            case DELETE -> OtsInternalApi.ActionType.DELETE_ROW;
        };
        List<PlainBufferCell> cells = new ArrayList<>();
        for (ColumnChange c : change.columns()) {
            PlainBufferCell cell = new PlainBufferCell();
            cell.setCellName(c.name());
            switch (c.op()) {
                case PUT, INCREMENT -> {
                    cell.setCellValue(c.value());
                    cell.setCellTimestamp(c.timestamp());
                }
                case DELETE_ONE_VERSION -> {
                    cell.setCellType(PlainBufferConsts.DELETE_ONE_VERSION);
                    cell.setCellTimestamp(c.timestamp());
                }
                case DELETE_ALL_VERSIONS -> cell.setCellType(PlainBufferConsts.DELETE_ALL_VERSION);
                default -> throw new IllegalStateException(c.op().name());
            }
            cells.add(cell);
        }
        PlainBufferRow row = new PlainBufferRow(RowCodec.pkCells(change.primaryKey()), cells,
                change.kind() == io.sinkline.emulator.tablestore.engine.RowMutation.Kind.DELETE);
        byte[] plain = RowCodec.encodeRows(List.of(row)).toByteArray();
        return OtsInternalApi.GetStreamRecordResponse.StreamRecord.newBuilder()
                .setActionType(action)
                .setRecord(ByteString.copyFrom(withSequenceInfo(plain, record)))
                .build();
    }

    /**
     * Inserts the extension before the row checksum (the last two bytes: tag and CRC8). The
     * checksum does not cover the extension, so it stays valid.
     */
    private static byte[] withSequenceInfo(byte[] row, StreamRecord r) {
        ByteBuffer out = ByteBuffer.allocate(row.length + EXTENSION_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.put(row, 0, row.length - 2);
        out.put(PlainBufferConsts.TAG_EXTENSION).putInt(1 + 4 + SEQ_INFO_LENGTH);
        out.put(PlainBufferConsts.TAG_SEQ_INFO).putInt(SEQ_INFO_LENGTH);
        out.put(PlainBufferConsts.TAG_SEQ_INFO_EPOCH).putInt(r.epoch());
        out.put(PlainBufferConsts.TAG_SEQ_INFO_TS).putLong(r.timestampMicros());
        out.put(PlainBufferConsts.TAG_SEQ_INFO_ROW_INDEX).putInt(r.rowIndex());
        out.put(row, row.length - 2, 2);
        return out.array();
    }
}
