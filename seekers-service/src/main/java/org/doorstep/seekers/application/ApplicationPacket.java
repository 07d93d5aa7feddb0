package org.doorstep.seekers.application;

import java.time.Instant;
import java.util.List;

import org.doorstep.seekers.application.ApplicationRequest.SharedField;
import org.doorstep.seekers.seeker.Profile;

/**
 * What the posting's partner receives of a seeker who applied: the chosen profile fields as they are at this moment,
 * and the name and contact only with the consent given with the request ({@code candidate} null without it).
 */
public record ApplicationPacket(String applicationId, String matchId, String seekerId, String postingId,
                               String partnerId, Instant submittedAt, List<Profile.Skill> skills,
                               Double experienceYears, Profile.Education education, List<String> languages,
                               Candidate candidate) {

    /** The name and contact, with the moment the seeker consented to give them to this partner. */
    public record Candidate(String displayName, Profile.Contact contact, Instant consentAt) {
    }

    public static ApplicationPacket of(ApplicationRequest request, Profile profile, Instant now) {
        var share = request.share();
        return new ApplicationPacket(request.applicationId(), request.matchId(), request.seekerId(),
                request.postingId(), request.partnerId(), now,
                share.contains(SharedField.SKILLS) ? profile.skills() : null,
                share.contains(SharedField.EXPERIENCE) ? profile.experienceYears() : null,
                share.contains(SharedField.EDUCATION) ? profile.education() : null,
                share.contains(SharedField.LANGUAGES) ? profile.languages() : null,
                request.shareContact()
                        ? new Candidate(profile.displayName(), profile.contact(), request.contactConsentAt())
                        : null);
    }
}
