package org.doorstep.postings.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.doorstep.postings.posting.TargetGroup;

/** A recruitment campaign ("spring recruitment drive"): a period, a target number of jobs, the groups it serves. */
public record Campaign(String code, String name, LocalDate startsOn, LocalDate endsOn, long targetJobs,
                       List<TargetGroup> targetGroups, Instant createdAt, Instant updatedAt) {

    public Campaign {
        targetGroups = List.copyOf(targetGroups);
    }
}
