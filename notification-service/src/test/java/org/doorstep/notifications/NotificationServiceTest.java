package org.doorstep.notifications;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.doorstep.testkit.DoorstepInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The one Spring context every integration test shares (same configuration, so Spring's context
 * cache starts it once): the real broker and MongoDB-wire server, a random port, a movable clock,
 * short heartbeats and retry timings, and the local profile's webhook rules (loopback receivers).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DoorstepInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "doorstep.seeker-tokens.secret=" + Tokens.SECRET,
        "doorstep.operator-token=" + Tokens.OPERATOR,
        "doorstep.auditor-token=" + Tokens.AUDITOR,
        "doorstep.stream.heartbeat=PT0.5S",
        "doorstep.schedule.interval=PT0.2S",
        "doorstep.feedback.relay-interval=PT0.2S",
        "doorstep.webhooks.allow-loopback=true",
        "doorstep.webhooks.allow-plain-http-localhost=true",
        "doorstep.webhooks.dispatch-interval=PT0.1S",
        "doorstep.webhooks.max-attempts=3",
        "doorstep.webhooks.initial-backoff=PT0.05S",
        "doorstep.webhooks.request-timeout=PT2S",
        "doorstep.webhooks.circuit-minimum-calls=4",
        "doorstep.webhooks.circuit-open-for=PT1S",
        "doorstep.push.fcm.enabled=true",
        // every test here is one client (127.0.0.1), so the per-client limit is out of the way (AbuseLimitTest has it)
        "doorstep.limits.failed-authentications.limit-for-period=1000000",
})
@Import({TestClock.Configuration.class, TestFcm.Configuration.class, MongoCommands.Configuration.class})
public @interface NotificationServiceTest {
}
