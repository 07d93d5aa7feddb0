package org.doorstep.seekers.application.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.doorstep.seekers.application.ApplicationPacket;
import org.doorstep.seekers.outbox.OutboxMessage;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application packet as on the wire ({@code contracts/schemas/org.doorstep.application.submitted.v1.json}), keyed
 * by applicationId on {@code doorstep.applications.v1}, the only topic that may carry a name or contact; a withdrawal
 * or erasure is a tombstone of that key.
 */
@Component
public class ApplicationMessages {

    public static final String APPLICATIONS_TOPIC = "doorstep.applications.v1";
    public static final String SUBMITTED = "org.doorstep.application.submitted.v1";

    private final JsonMapper json = JsonMapper.builder().build();

    public OutboxMessage submitted(ApplicationPacket p) {
        ApplicationPacket.Candidate c = p.candidate();
        SubmittedV1 data = new SubmittedV1(p.applicationId(), p.matchId(), p.seekerId(), p.postingId(), p.partnerId(),
                p.submittedAt().toString(),
                new ProfileV1(p.skills() == null ? null : p.skills().stream().map(s -> new SkillV1(s.label(), s.escoUri(),
                        s.level() == null ? null : s.level().name())).toList(),
                        p.experienceYears(), p.education() == null ? null : p.education().name(), p.languages()),
                c == null ? null : new CandidateV1(c.displayName(),
                        c.contact() == null ? null : new ContactV1(c.contact().email(), c.contact().phone()),
                        c.consentAt().toString()));
        return new OutboxMessage(UUID.randomUUID().toString(), SUBMITTED, APPLICATIONS_TOPIC, p.applicationId(),
                p.submittedAt(), json.writeValueAsString(data));
    }

    public static OutboxMessage tombstone(String applicationId, Instant at) {
        return new OutboxMessage(UUID.randomUUID().toString(), null, APPLICATIONS_TOPIC, applicationId, at, null);
    }

    record SubmittedV1(String applicationId, String matchId, String seekerId, String postingId, String partnerId,
                       String submittedAt, ProfileV1 profile, CandidateV1 candidate) {
    }

    record ProfileV1(List<SkillV1> skills, Double experienceYears, String education, List<String> languages) {
    }

    record SkillV1(String label, String escoUri, String level) {
    }

    record CandidateV1(String displayName, ContactV1 contact, String consentAt) {
    }

    record ContactV1(String email, String phone) {
    }

}
