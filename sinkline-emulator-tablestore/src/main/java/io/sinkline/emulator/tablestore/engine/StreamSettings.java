package io.sinkline.emulator.tablestore.engine;

import java.util.List;

/** A table's stream: on or off, its id, retention in hours, when it was (last) enabled. */
public record StreamSettings(boolean enabled, String streamId, int expirationHours, long lastEnableTimeMicros,
                             List<String> columnsToGet) {
    public static final StreamSettings DISABLED = new StreamSettings(false, null, 0, 0, List.of());
}
