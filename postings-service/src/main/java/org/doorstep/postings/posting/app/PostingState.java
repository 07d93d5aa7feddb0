package org.doorstep.postings.posting.app;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.doorstep.postings.posting.Accommodation;
import org.doorstep.postings.posting.ClosedReason;
import org.doorstep.postings.posting.Education;
import org.doorstep.postings.posting.EmploymentType;
import org.doorstep.postings.posting.Location;
import org.doorstep.postings.posting.Posting;
import org.doorstep.postings.posting.PostingContent;
import org.doorstep.postings.posting.PostingStatus;
import org.doorstep.postings.posting.Salary;
import org.doorstep.postings.posting.Skill;
import org.doorstep.postings.posting.TargetGroup;
import org.doorstep.postings.posting.Workplace;

/**
 * The full state of a posting as it goes on the wire: the data of {@code posting.upserted.v1} /
 * {@code posting.closed.v1} (closedReason only once closed) and the REST resource.
 */
public record PostingState(
        String postingId,
        String partnerId,
        String externalId,
        long version,
        PostingStatus status,
        String title,
        String description,
        String occupation,
        List<Skill> skills,
        Location location,
        Workplace workplace,
        EmploymentType employmentType,
        Salary salary,
        int vacancies,
        Education education,
        Double minExperienceYears,
        List<TargetGroup> targetGroups,
        List<Accommodation> accommodations,
        List<String> campaignCodes,
        Instant validThrough,
        List<String> languages,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) ClosedReason closedReason) {

    public static PostingState of(Posting p) {
        PostingContent c = p.content();
        return new PostingState(p.postingId(), p.partnerId(), p.externalId(), p.version(), p.status(), c.title(),
                c.description(), c.occupation(), c.skills(), c.location(), c.workplace(), c.employmentType(),
                c.salary(), c.vacancies(), c.education(), c.minExperienceYears(), c.targetGroups(),
                c.accommodations(), c.campaignCodes(), c.validThrough(), c.languages(), p.updatedAt(),
                p.closedReason());
    }
}
