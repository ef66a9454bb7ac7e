package io.sinkline.core.filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of an event-pattern list. {@code value} is the event's value at the pattern's key, or
 * null when the key is absent from the event.
 */
interface ValueMatcher {
    boolean matches(JsonNode value);

    /** Whether the matcher may match an absent key ({@code exists: false}); others never do. */
    default boolean matchesAbsent() {
        return false;
    }
}
