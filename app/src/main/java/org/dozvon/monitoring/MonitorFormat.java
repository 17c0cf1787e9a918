package org.dozvon.monitoring;

import java.time.Duration;

/** How the monitor writes figures. */
public final class MonitorFormat {

    private MonitorFormat() {
    }

    /** A number as the viewer may see it: its mask when {@code masked} has one. */
    public static String number(java.util.Map<String, String> masked, String number) {
        return number == null ? null : masked.getOrDefault(number, number);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    public static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return h > 0 ? "%d:%02d:%02d".formatted(h, m, s) : "%d:%02d".formatted(m, s);
    }
}
