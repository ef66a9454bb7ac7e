package io.sinkline.emulator.maxcompute.tunnel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.aliyun.odps.Column;
import com.aliyun.odps.TableSchema;
import com.aliyun.odps.commons.proto.ProtobufRecordStreamReader;
import com.aliyun.odps.commons.proto.ProtobufRecordStreamWriter;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.tunnel.io.CompressOption;

import io.sinkline.emulator.maxcompute.http.OdpsError;

/**
 * The Tunnel record stream (protobuf fields per column, a CRC32C per record, a count and a checksum of
 * checksums at the end) decoded and encoded with the SDK's own public reader and writer.
 */
final class RecordStreams {

    private RecordStreams() {
    }

    /** The compression a {@code Content-Encoding} names; {@code null} for none. */
    static CompressOption compression(String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isBlank()) {
            return new CompressOption(CompressOption.CompressAlgorithm.ODPS_RAW, 0, 0);
        }
        CompressOption.CompressAlgorithm algorithm = switch (contentEncoding.trim()) {
            case "deflate" -> CompressOption.CompressAlgorithm.ODPS_ZLIB;
            case "x-snappy-framed" -> CompressOption.CompressAlgorithm.ODPS_SNAPPY;
            case "x-lz4-frame" -> CompressOption.CompressAlgorithm.ODPS_LZ4_FRAME;
            case "zstd" -> CompressOption.CompressAlgorithm.ODPS_ZSTD;
            default -> throw new OdpsError(400, "UnsupportedCompression", "Unsupported Content-Encoding " + contentEncoding);
        };
        return new CompressOption(algorithm, 1, 0);
    }

    /**
     * Decodes every record of a block into value arrays (data columns in table order); a broken stream or
     * checksum is the client's error (400 MalformedDataStream).
     */
    static List<Object[]> read(TableSchema schema, InputStream body, CompressOption option) {
        List<Object[]> rows = new ArrayList<>();
        try {
            ProtobufRecordStreamReader reader = new ProtobufRecordStreamReader(schema, body, option);
            RowCapture capture = new RowCapture(schema.getColumns().toArray(new Column[0]));
            while (reader.read(capture) != null) {
                rows.add(capture.takeRow());
            }
        } catch (IOException | RuntimeException e) {
            throw new OdpsError(400, "MalformedDataStream", "Invalid record stream: " + e.getMessage());
        }
        return rows;
    }

    static byte[] write(List<Column> columns, List<Record> records) throws IOException {
        TableSchema schema = new TableSchema();
        columns.forEach(schema::addColumn);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProtobufRecordStreamWriter writer = new ProtobufRecordStreamWriter(schema, out,
                new CompressOption(CompressOption.CompressAlgorithm.ODPS_RAW, 0, 0));
        for (Record r : records) {
            writer.write(r);
        }
        writer.close();
        return out.toByteArray();
    }
}
