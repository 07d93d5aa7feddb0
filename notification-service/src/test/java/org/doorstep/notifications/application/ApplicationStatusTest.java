package org.doorstep.notifications.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Outcomes move an application forward only, and hired and rejected end it: before, any outcome was taken in any
 * order (hired, then viewed, then rejected), and matching kept counting a hire the partner had taken back.
 */
class ApplicationStatusTest {

    @Test
    void anOutcomeMovesForwardAndMaySkipSteps() {
        assertThat(ApplicationStatus.SUBMITTED.refusesOutcome(ApplicationStatus.VIEWED)).isNull();
        assertThat(ApplicationStatus.SUBMITTED.refusesOutcome(ApplicationStatus.HIRED)).isNull();
        assertThat(ApplicationStatus.INTERVIEW.refusesOutcome(ApplicationStatus.REJECTED)).isNull();
        assertThat(ApplicationStatus.OFFER.refusesOutcome(ApplicationStatus.HIRED)).isNull();
    }

    @Test
    void anOutcomeNeverGoesBackAndNothingFollowsTheEnd() {
        assertThat(ApplicationStatus.INTERVIEW.refusesOutcome(ApplicationStatus.VIEWED)).contains("does not go back");
        assertThat(ApplicationStatus.HIRED.refusesOutcome(ApplicationStatus.REJECTED)).contains("closed: hired");
        assertThat(ApplicationStatus.REJECTED.refusesOutcome(ApplicationStatus.HIRED)).contains("closed: rejected");
        assertThat(ApplicationStatus.WITHDRAWN.refusesOutcome(ApplicationStatus.OFFER)).contains("withdrawn");
        assertThat(ApplicationStatus.HIRED.isFinal()).isTrue();
        assertThat(ApplicationStatus.OFFER.isFinal()).isFalse();
    }
}
