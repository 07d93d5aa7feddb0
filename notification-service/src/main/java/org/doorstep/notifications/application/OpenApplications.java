package org.doorstep.notifications.application;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.doorstep.notifications.inbox.AppliedMatches;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The matches with an application that was not withdrawn: one read by {@code _id $in} of their application ids. */
@Component
class OpenApplications implements AppliedMatches {

    private final ApplicationStore applications;

    OpenApplications(ApplicationStore applications) {
        this.applications = applications;
    }

    @Override
    public Mono<Set<String>> among(Collection<String> matchIds) {
        if (matchIds.isEmpty()) {
            return Mono.just(Set.of());
        }
        return applications.findAll(matchIds.stream().map(Application::idFor).toList())
                .filter(a -> a.status() != ApplicationStatus.WITHDRAWN && a.matchId() != null)
                .map(Application::matchId).collect(Collectors.toUnmodifiableSet());
    }
}
