package org.doorstep.notifications.push.fcm;

import org.doorstep.notifications.push.PushSender;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** Mobile push is optional: on only with {@code doorstep.push.fcm.enabled=true}. */
@Configuration(proxyBeanMethods = false)
class FcmConfiguration {

    @Bean
    @ConditionalOnProperty(name = "doorstep.push.fcm.enabled", havingValue = "true")
    PushSender fcmPushSender(FcmProperties settings) {
        return new FcmPushSender(WebClient.builder(), settings);
    }
}
