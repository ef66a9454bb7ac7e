package io.sinkline.maxcompute.tunnel;

/** A buffered row the service refused for its data, with the service's reason. */
public record RejectedRow(BufferedRow row, String reason, Throwable cause) {
}
