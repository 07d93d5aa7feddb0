package org.doorstep.notifications.feedback.web;

import java.security.Principal;

import org.doorstep.notifications.feedback.FeedbackService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class FeedbackController {

    private final FeedbackService feedback;

    FeedbackController(FeedbackService feedback) {
        this.feedback = feedback;
    }

    /** The seeker is not interested: the match leaves the inbox and matching never proposes the pair again. */
    @PostMapping(path = "/api/v1/me/matches/{matchId}/dismiss", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<FeedbackView> dismiss(Principal seeker, @PathVariable String matchId) {
        return feedback.give(seeker.getName(), matchId, FeedbackService.Kind.DISMISSED).map(FeedbackView::of);
    }

    record FeedbackView(String matchId, String feedback, String at) {
        static FeedbackView of(FeedbackService.Recorded recorded) {
            return new FeedbackView(recorded.matchId(), recorded.feedback().name(), recorded.at());
        }
    }
}
