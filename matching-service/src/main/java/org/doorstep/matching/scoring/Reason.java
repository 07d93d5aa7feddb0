package org.doorstep.matching.scoring;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One factor of a score: its name, its value in [0, 1] (or the bonus it adds) and a readable detail. The
 * explain endpoint also shows the factor's {@code inputs} (weights, coverages, confidences); match events
 * carry the first three only.
 */
public record Reason(String factor, double value, String detail,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> inputs) {

    public Reason(String factor, double value, String detail) {
        this(factor, value, detail, null);
    }

    Reason withoutInputs() {
        return inputs == null ? this : new Reason(factor, value, detail);
    }
}
