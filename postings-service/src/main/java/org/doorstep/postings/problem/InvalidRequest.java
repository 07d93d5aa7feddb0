package org.doorstep.postings.problem;

import java.util.List;

/** A request breaks one or more rules; carries every violation, not just the first. */
public class InvalidRequest extends RuntimeException {

    private final List<Violation> violations;

    public InvalidRequest(List<Violation> violations) {
        super(violations.size() + " invalid field(s)");
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
