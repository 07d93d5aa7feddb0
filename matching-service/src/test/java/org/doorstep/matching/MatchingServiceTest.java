package org.doorstep.matching;

import org.doorstep.testkit.DoorstepInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one Spring context all service tests share (same configuration, so Spring's context cache
 * reuses it), over the real Kafka broker and MongoDB-wire server of the test kit.
 */
@DoorstepInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"doorstep.operator-token=" + MatchingServiceTest.OPERATOR_TOKEN,
                "doorstep.auditor-token=" + MatchingServiceTest.AUDITOR_TOKEN,
                // every test here is one client (127.0.0.1), so the per-client limit is out of the way (AbuseLimitTest has it)
                "doorstep.limits.failed-authentications.limit-for-period=1000000"})
public abstract class MatchingServiceTest {

    public static final String OPERATOR_TOKEN = "test-operator-token";
    public static final String AUDITOR_TOKEN = "test-auditor-token";
    public static final String POSTINGS = "doorstep.postings.v1";
    public static final String SEEKERS = "doorstep.seekers.v1";
    public static final String FEEDBACK = "doorstep.feedback.v1";
    public static final String MATCHES = "doorstep.matches.v1";
    public static final String POSTING_UPSERTED = "org.doorstep.posting.upserted.v1";
    public static final String POSTING_CLOSED = "org.doorstep.posting.closed.v1";
    public static final String SEEKER_UPSERTED = "org.doorstep.seeker.upserted.v1";
    public static final String SEEKER_ERASED = "org.doorstep.seeker.erased.v1";
    public static final String MATCH_FOUND = "org.doorstep.match.found.v1";
    public static final String MATCH_WITHDRAWN = "org.doorstep.match.withdrawn.v1";
    public static final String MATCH_DISMISSED = "org.doorstep.match.dismissed.v1";
}
