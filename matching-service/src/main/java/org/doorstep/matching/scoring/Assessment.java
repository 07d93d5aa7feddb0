package org.doorstep.matching.scoring;

import java.util.List;

/** A scored pair: the score in [0, 1], every factor that went into it, and the vetoes (if any). */
public record Assessment(double score, List<Reason> reasons, List<Veto> vetoes) {

    public boolean vetoed() {
        return !vetoes.isEmpty();
    }
}
