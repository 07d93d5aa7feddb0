package org.doorstep.notifications.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.doorstep.notifications.match.MatchFound;
import org.junit.jupiter.api.Test;

/** A partner's webhook carries the reasons of a match, but none that tells something private about the seeker. */
class ShareableReasonsTest {

    @Test
    void keyGroupsPriorityAccommodationsAndDismissalsStayWithTheSeeker() {
        List<MatchFound.Reason> reasons = List.of(
                new MatchFound.Reason("skills", 0.8, "2 of 2 specific required skills"),
                new MatchFound.Reason("keyGroup", 0.1, "open to college graduates"),
                new MatchFound.Reason("priority", 0.05, "priority for people with employment difficulties"),
                new MatchFound.Reason("dismissedSimilar", -0.2, "fewer like this: you dismissed 3 jobs of this employer"),
                new MatchFound.Reason("appeal", 0.06, "people with a background like yours applied to this job (1 applied)"));
        assertThat(PartnerWebhookChannel.shareable(reasons)).extracting(MatchFound.Reason::factor)
                .containsExactly("skills", "appeal");
    }
}
