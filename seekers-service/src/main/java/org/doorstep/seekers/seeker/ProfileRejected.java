package org.doorstep.seekers.seeker;

import java.util.List;

/** The submitted profile breaks one or more rules; nothing was changed. */
public class ProfileRejected extends RuntimeException {

    private final List<Violation> violations;

    public ProfileRejected(List<Violation> violations) {
        // an expected outcome of bad input, not a fault: no stack trace to fill
        super(violations.size() + " invalid field(s)", null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
