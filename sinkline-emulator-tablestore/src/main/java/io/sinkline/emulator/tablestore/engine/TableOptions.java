package io.sinkline.emulator.tablestore.engine;

/**
 * Table options. {@code timeToLiveSeconds} -1 means data never expires; {@code maxVersionOffsetSeconds}
 * bounds how far a written version may lie from the server's clock.
 */
public record TableOptions(int timeToLiveSeconds, int maxVersions, long maxVersionOffsetSeconds, boolean allowUpdate) {
    public static final TableOptions DEFAULT = new TableOptions(-1, 1, 86400, true);

    public boolean expired(long timestampMillis, long nowMillis) {
        return timeToLiveSeconds > 0 && timestampMillis <= nowMillis - timeToLiveSeconds * 1000L;
    }
}
