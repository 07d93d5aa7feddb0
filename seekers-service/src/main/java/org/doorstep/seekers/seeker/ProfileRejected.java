package org.doorstep.seekers.seeker;

import java.util.List;

/** The submitted profile breaks one or more rules; nothing was changed. */
public class ProfileRejected extends RuntimeException {

    private final List<Violation> violations;

    public ProfileRejected(List<Violation> violations) {
        super(violations.size() + " invalid field(s)");
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
