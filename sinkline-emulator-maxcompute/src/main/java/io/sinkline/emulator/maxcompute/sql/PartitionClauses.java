package io.sinkline.emulator.maxcompute.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code PARTITION (k='v', …)} clauses, shared by DDL and INSERT. */
final class PartitionClauses {

    private PartitionClauses() {
    }

    /** One or more {@code PARTITION (k='v', ...)} clauses, optionally separated by commas. */
    static List<Map<String, String>> partitionSpecs(Cursor c) {
        List<Map<String, String>> specs = new ArrayList<>();
        while (c.accept("partition")) {
            specs.add(partitionSpec(c, false));
            c.accept(",");
        }
        if (specs.isEmpty()) {
            throw Lexer.syntax("expected PARTITION (...)");
        }
        return specs;
    }

    /** {@code (k='v', k2=v2)}; with {@code allowDynamic}, a key without value maps to {@code null}. */
    static Map<String, String> partitionSpec(Cursor c, boolean allowDynamic) {
        c.expect("(");
        Map<String, String> spec = new LinkedHashMap<>();
        while (true) {
            String key = c.name().toLowerCase(Locale.ROOT);
            if (c.accept("=")) {
                Token v = c.next();
                spec.put(key, v.text());
            } else if (allowDynamic) {
                spec.put(key, null);
            } else {
                throw Lexer.syntax("partition " + key + " needs a value");
            }
            if (c.accept(")")) {
                return spec;
            }
            c.expect(",");
        }
    }

}
