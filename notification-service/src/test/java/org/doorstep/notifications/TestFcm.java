package org.doorstep.notifications;

import java.time.Duration;

import org.doorstep.notifications.push.fcm.FcmProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A local FCM stand-in for the shared test context: one receiver for the JVM, the FCM adapter pointed at it. */
public final class TestFcm {

    public static final Receiver RECEIVER = new Receiver();

    private TestFcm() {
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        @Primary
        FcmProperties testFcmSettings() {
            return new FcmProperties(true, "http://127.0.0.1:" + RECEIVER.port(), "doorstep-test", "test-access-token",
                    Duration.ofHours(24));
        }
    }
}
