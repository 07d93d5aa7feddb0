package org.doorstep.matching;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A Spring test that publishes postings and seekers to the broker and reads the matches topic: one producer and one
 * reader of the matches for each test class, opened before its first test and closed after its last.
 */
abstract class EventFlowTest extends MatchingServiceTest {

    protected static TestEvents events;
    protected static MatchTopic matches;

    @BeforeAll
    static void openTopics() {
        events = new TestEvents();
        matches = new MatchTopic();
    }

    @AfterAll
    static void closeTopics() {
        events.close();
        matches.close();
    }

    /** A fresh id for a posting, a seeker or a partner. */
    protected static String id() {
        return UUID.randomUUID().toString();
    }
}
