package io.sinkline.emulator.tablestore.protocol;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Action name (the request path, e.g. "PutRow") to its handler. */
public final class ActionRegistry {
    private final Map<String, Action> actions = new TreeMap<>();

    public ActionRegistry register(String name, Action action) {
        if (actions.putIfAbsent(name, action) != null) {
            throw new IllegalStateException("Action registered twice: " + name);
        }
        return this;
    }

    public Action lookup(String name) {
        return actions.get(name);
    }

    public Set<String> names() {
        return actions.keySet();
    }
}
