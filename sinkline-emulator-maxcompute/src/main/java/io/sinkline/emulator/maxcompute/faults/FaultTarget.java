package io.sinkline.emulator.maxcompute.faults;

/** The endpoints faults can be aimed at; {@link #ANY} matches every request. */
public enum FaultTarget {
    ANY,
    /** Project, table and partition metadata reads. */
    METADATA,
    /** SQL instance creation ({@code POST /projects/{p}/instances}). */
    INSTANCES,
    TUNNEL_UPLOAD_CREATE,
    TUNNEL_UPLOAD_BLOCK,
    TUNNEL_UPLOAD_COMMIT,
    TUNNEL_DOWNLOAD,
    TUNNEL_STREAM_CREATE,
    TUNNEL_STREAM_WRITE
}
