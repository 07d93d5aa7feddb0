package org.doorstep.matching.scoring;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One factor of a score: its name, its value in [0, 1] (or the bonus it adds) and a readable detail. The
 * explain endpoint also shows the factor's {@code inputs} (weights, coverages, confidences); match events
 * carry the first three only, and no reason that reveals the seeker's key groups ({@link #personal()}).
 */
public record Reason(String factor, double value, String detail,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> inputs) {

    /** The bonus for a posting that targets a key group of the seeker. */
    public static final String KEY_GROUP = "keyGroup";
    /** The priority of seekers with employment difficulties. */
    public static final String PRIORITY = "priority";

    public Reason(String factor, double value, String detail) {
        this(factor, value, detail, null);
    }

    /** Whether the reason reveals a key group of the seeker: shown to operators (explain), never put in an event. */
    boolean personal() {
        return KEY_GROUP.equals(factor) || PRIORITY.equals(factor);
    }

    Reason withoutInputs() {
        return inputs == null ? this : new Reason(factor, value, detail);
    }
}
