package org.doorstep.notifications.feedback.web;

import jakarta.validation.constraints.Pattern;
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

    /** What a match's or an application's id can be: not percent-decoded bytes, Unicode tricks or a page of text. */
    static final String ID = "[\\x21-\\x7E]{1,200}";
    static final String ID_RULE = "must be an id: 1 to 200 printable ASCII characters";

    private final FeedbackService feedback;

    FeedbackController(FeedbackService feedback) {
        this.feedback = feedback;
    }

    /** The seeker is not interested: the match leaves the inbox and matching never proposes the pair again. */
    @PostMapping(path = "/api/v1/me/matches/{matchId}/dismiss", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<FeedbackView> dismiss(Principal seeker, @PathVariable @Pattern(regexp = ID, message = ID_RULE) String matchId) {
        return feedback.give(seeker.getName(), matchId, FeedbackService.Kind.DISMISSED).map(FeedbackView::of);
    }

    record FeedbackView(String matchId, String feedback, String at) {
        static FeedbackView of(FeedbackService.Recorded recorded) {
            return new FeedbackView(recorded.matchId(), recorded.feedback().name(), recorded.at());
        }
    }
}
