package org.doorstep.seekers.application;

import java.time.Clock;
import java.time.Instant;

import org.doorstep.seekers.seeker.ConsentRecord;
import org.doorstep.seekers.seeker.ConsentRecord.ConsentPurpose;
import org.doorstep.seekers.seeker.SeekerRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Makes the application packet from the seeker's profile at the moment the request arrives: this service alone reads
 * the profile, so the name and contact leave it only here, on the packet's own topic, and only with the consent given
 * with the request (recorded among the seeker's consent records).
 */
@Service
public class ApplicationService {

    private final SeekerRepository seekers;
    private final Applications applications;
    private final Clock clock;

    public ApplicationService(SeekerRepository seekers, Applications applications, Clock clock) {
        this.seekers = seekers;
        this.applications = applications;
        this.clock = clock;
    }

    /** Emits true when a packet was queued; false for a repeat, or a seeker who is not (any longer) registered. */
    public Mono<Boolean> submit(ApplicationRequest request) {
        return seekers.find(request.seekerId())
                .flatMap(seeker -> {
                    ApplicationPacket packet = ApplicationPacket.of(request, seeker.profile(), now());
                    ConsentRecord consent = request.shareContact()
                            ? new ConsentRecord(ConsentPurpose.SHARE_CONTACT_ON_APPLICATION, true, request.seekerId(),
                                    request.contactConsentAt(), "application " + request.applicationId())
                            : null;
                    return applications.submit(packet, consent);
                })
                .defaultIfEmpty(false);
    }

    public Mono<Boolean> withdraw(String seekerId, String applicationId) {
        return applications.withdraw(seekerId, applicationId, now());
    }

    private Instant now() {
        return clock.instant(); // the clock ticks in milliseconds, as the store keeps times
    }
}
