package io.sinkline.maxcompute.config;

/** How the {@code pt} value is spelled. */
public enum PartitionValueStyle {
    /** The seeds' format: {@code MM-dd-yyyy}, {@code MM-dd-yyyy HH}, {@code MM-dd-yyyy HH:mm}. */
    SEED("MM-dd-yyyy"),
    /** A format that sorts in time order: {@code yyyy-MM-dd}, {@code yyyy-MM-dd HH}, {@code yyyy-MM-dd HH:mm}. */
    SORTABLE("yyyy-MM-dd");

    private final String datePattern;

    PartitionValueStyle(String datePattern) {
        this.datePattern = datePattern;
    }

    /** The java.time pattern for a window. */
    public String pattern(PartitionWindow window) {
        return switch (window) {
            case DAY -> datePattern;
            case HOUR -> datePattern + " HH";
            case MINUTE -> datePattern + " HH:mm";
        };
    }
}
