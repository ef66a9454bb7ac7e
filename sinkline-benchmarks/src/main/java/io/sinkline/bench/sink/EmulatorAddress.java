package io.sinkline.bench.sink;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How clients reach an emulator (endpoint, instance or project, keys), as named values, so the
 * emulator's JVM can hand it to the benchmark's and the ceiling's in one line.
 */
public record EmulatorAddress(Map<String, String> values) {

    public EmulatorAddress {
        values = Map.copyOf(values);
    }

    public String get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the emulator address has no '" + name + "': " + values);
        }
        return value;
    }

    /** {@code name=value} pairs separated by spaces (the values are URLs and names, never blank). */
    public String format() {
        StringBuilder line = new StringBuilder();
        values.forEach((name, value) -> line.append(line.isEmpty() ? "" : " ").append(name).append('=').append(value));
        return line.toString();
    }

    public static EmulatorAddress parse(String line) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : line.trim().split(" +")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("not an emulator address: '" + line + "'");
            }
            values.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return new EmulatorAddress(values);
    }
}
