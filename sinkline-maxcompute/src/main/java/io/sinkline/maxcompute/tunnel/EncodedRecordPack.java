package io.sinkline.maxcompute.tunnel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.xerial.snappy.SnappyFramedOutputStream;

import com.aliyun.odps.Column;
import com.aliyun.odps.TableSchema;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.tunnel.io.CompressOption;
import com.aliyun.odps.tunnel.io.ProtobufRecordPack;
import com.aliyun.odps.type.TypeInfo;
import com.github.luben.zstd.ZstdOutputStream;

import net.jpountz.lz4.LZ4FrameOutputStream;

/**
 * A batch Tunnel block encoded by {@link RecordStreamEncoder} and compressed as it fills, in the
 * shape {@code UploadSession.writeBlock} takes. The SDK sends a {@link ProtobufRecordPack} by
 * completing it and writing out {@link #getProtobufStream()} with the headers of
 * {@link #getCompressOption()}: those are the methods this pack answers itself. The parent's own
 * writer stays empty and uncompressed (it holds no native compressor).
 */
final class EncodedRecordPack extends ProtobufRecordPack {

    private final CompressOption compression;
    private final ByteArrayOutputStream compressed;
    private final Deflater deflater;
    private final RecordStreamEncoder encoder;
    private boolean complete;

    EncodedRecordPack(TableSchema schema, CompressOption compression) throws IOException {
        super(schema, null, (CompressOption) null);
        this.compression = compression;
        this.compressed = new ByteArrayOutputStream(RecordStreamEncoder.CHUNK_BYTES);
        this.deflater = compression.algorithm == CompressOption.CompressAlgorithm.ODPS_ZLIB ? deflater(compression) : null;
        TypeInfo[] types = schema.getColumns().stream().map(Column::getTypeInfo).toArray(TypeInfo[]::new);
        this.encoder = new RecordStreamEncoder(types, compressing(compressed, compression, deflater));
    }

    private static Deflater deflater(CompressOption compression) {
        Deflater deflater = new Deflater(compression.level);
        deflater.setStrategy(compression.strategy);
        return deflater;
    }

    /** The compressing stream of each algorithm, as the SDK's own record writer builds it. */
    private static OutputStream compressing(OutputStream out, CompressOption compression, Deflater deflater)
            throws IOException {
        return switch (compression.algorithm) {
            case ODPS_ZLIB -> new DeflaterOutputStream(out, deflater, RecordStreamEncoder.CHUNK_BYTES);
            case ODPS_SNAPPY -> new SnappyFramedOutputStream(out);
            case ODPS_LZ4_FRAME -> new LZ4FrameOutputStream(out);
            case ODPS_ZSTD -> new ZstdOutputStream(out);
            case ODPS_RAW -> out;
            default -> throw new IOException("Unsupported Tunnel compression: " + compression.algorithm);
        };
    }

    /** Encodes one row, its values in table order (see {@link RecordStreamEncoder#write}). */
    void append(Object[] values) throws IOException {
        encoder.write(values);
    }

    @Override
    public void append(Record record) throws IOException {
        append(record.toArray());
    }

    @Override
    public void setTransform(boolean shouldTransform) {
        super.setTransform(shouldTransform); // the SDK checks the pack's flag against the session's before sending
        encoder.transformDates(shouldTransform);
    }

    @Override
    public CompressOption getCompressOption() {
        return compression;
    }

    @Override
    public long getSize() {
        return encoder.rows();
    }

    /** The bytes the block holds: compressed so far plus rows not yet handed to the compressor. */
    @Override
    public long getTotalBytes() {
        return compressed.size() + (long) encoder.pendingBytes();
    }

    @Override
    public void complete() throws IOException {
        if (complete) {
            return;
        }
        complete = true;
        try {
            encoder.finish();
        } finally {
            release();
        }
    }

    /** The complete block's bytes (the SDK calls {@link #complete()} first). */
    @Override
    public ByteArrayOutputStream getProtobufStream() throws IOException {
        if (!complete) {
            throw new IllegalStateException("The block is not complete");
        }
        return compressed;
    }

    /** Frees the compressor of a block that will not be sent. */
    void discard() {
        try {
            complete(); // some compressors hold native memory until closed
        } catch (IOException | RuntimeException ignored) {
            // nothing to keep: the block is dropped
        }
    }

    private void release() {
        if (deflater != null) {
            deflater.end(); // a Deflater handed to DeflaterOutputStream is not ended by it
        }
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("An encoded block is written once");
    }
}
