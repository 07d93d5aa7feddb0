package org.doorstep.seekers.seeker;

import java.time.Clock;
import java.time.Instant;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The seeker use cases: register, read, replace, merge, erase. */
@Service
public class SeekerService {

    private final SeekerRepository seekers;
    private final Clock clock;

    public SeekerService(SeekerRepository seekers, Clock clock) {
        this.seekers = seekers;
        this.clock = clock;
    }

    public Mono<Seeker> register(String seekerId, Profile profile, Actor actor) {
        Seeker.Change change = Seeker.register(seekerId, profile, actor, now());
        return seekers.insert(change.seeker(), change.events()).thenReturn(change.seeker());
    }

    public Mono<Seeker> find(String seekerId) {
        return seekers.find(seekerId).switchIfEmpty(Mono.error(() -> new SeekerNotFound(seekerId)));
    }

    public Mono<Seeker> replace(String seekerId, Profile profile, Actor actor) {
        return change(seekerId, current -> profile, actor);
    }

    /** Applies {@code edit} to the current profile (it may throw {@link ProfileRejected}) and stores the result. */
    public Mono<Seeker> change(String seekerId, UnaryOperator<Profile> edit, Actor actor) {
        return find(seekerId).flatMap(current -> {
            Seeker.Change change = current.replaceProfile(edit.apply(current.profile()), actor, now());
            if (!change.changed()) {
                return Mono.just(current);
            }
            return seekers.update(change.seeker(), current.version(), change.events()).thenReturn(change.seeker());
        });
    }

    public Mono<Void> erase(String seekerId) {
        return find(seekerId).flatMap(current -> seekers.erase(current.erase(now())));
    }

    private Instant now() {
        return clock.instant(); // the clock ticks in milliseconds, as the store keeps times
    }
}
