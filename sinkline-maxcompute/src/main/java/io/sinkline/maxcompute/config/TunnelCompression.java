package io.sinkline.maxcompute.config;

import com.aliyun.odps.tunnel.io.CompressOption;

/** The compression of the Tunnel upload stream. */
public enum TunnelCompression {
    NONE(CompressOption.CompressAlgorithm.ODPS_RAW),
    DEFLATE(CompressOption.CompressAlgorithm.ODPS_ZLIB),
    SNAPPY(CompressOption.CompressAlgorithm.ODPS_SNAPPY),
    LZ4(CompressOption.CompressAlgorithm.ODPS_LZ4_FRAME),
    ZSTD(CompressOption.CompressAlgorithm.ODPS_ZSTD);

    private final CompressOption.CompressAlgorithm algorithm;

    TunnelCompression(CompressOption.CompressAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    public CompressOption option() {
        return new CompressOption(algorithm, 1, 0);
    }
}
