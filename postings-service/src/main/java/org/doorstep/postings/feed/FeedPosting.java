package org.doorstep.postings.feed;

import java.time.Instant;
import java.util.List;

import org.doorstep.postings.posting.Accommodation;
import org.doorstep.postings.posting.ClosedReason;
import org.doorstep.postings.posting.Education;
import org.doorstep.postings.posting.EmploymentType;
import org.doorstep.postings.posting.Location;
import org.doorstep.postings.posting.PostingStatus;
import org.doorstep.postings.posting.Salary;
import org.doorstep.postings.posting.Skill;
import org.doorstep.postings.posting.TargetGroup;
import org.doorstep.postings.posting.Workplace;

/**
 * What the feed shows of a posting: the public job, read from the posting's event. The partner's own fields
 * ({@code partnerId}, {@code externalId}) have no place here, so they cannot leak into the feed.
 */
public record FeedPosting(
        String postingId,
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
        ClosedReason closedReason,
        List<String> requiredLicences,
        org.doorstep.postings.posting.Employer employer) {

    public FeedPosting {
        skills = skills == null ? List.of() : List.copyOf(skills);
        targetGroups = targetGroups == null ? List.of() : List.copyOf(targetGroups);
        accommodations = accommodations == null ? List.of() : List.copyOf(accommodations);
        campaignCodes = campaignCodes == null ? List.of() : List.copyOf(campaignCodes);
        languages = languages == null ? List.of() : List.copyOf(languages);
        requiredLicences = requiredLicences == null ? List.of() : List.copyOf(requiredLicences);
    }

    public boolean open() {
        return status == PostingStatus.OPEN;
    }
}
