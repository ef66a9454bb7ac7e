package io.sinkline.emulator.tablestore.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many accepted requests each access key made, per action: lets a test check which
 * credentials a client really used (e.g. that data went in with temporary keys only).
 */
public final class KeyUsage {
    private final Map<String, Map<String, LongAdder>> byKey = new ConcurrentHashMap<>();

    void record(String accessKeyId, String action) {
        byKey.computeIfAbsent(accessKeyId == null ? "" : accessKeyId, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    /** A snapshot: access key id → action → accepted requests (empty key id: requests without one). */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        byKey.forEach((key, actions) -> {
            Map<String, Long> counts = new TreeMap<>();
            actions.forEach((action, n) -> counts.put(action, n.sum()));
            out.put(key, counts);
        });
        return out;
    }
}
