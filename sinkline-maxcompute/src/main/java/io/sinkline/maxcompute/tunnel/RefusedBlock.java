package io.sinkline.maxcompute.tunnel;

/** An encoded block the service refused for its data (or that could not be sent as encoded), with the reason. */
public record RefusedBlock(EncodedBlock block, String reason) {
}
