package org.doorstep.local;

import java.util.ArrayList;
import java.util.List;

/** A process's JVM options: its defaults, then the whitespace-separated options of a setting (the later wins). */
final class JvmOptions {

    private JvmOptions() {
    }

    static List<String> of(List<String> defaults, String extra) {
        List<String> options = new ArrayList<>(defaults);
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return List.copyOf(options);
    }
}
