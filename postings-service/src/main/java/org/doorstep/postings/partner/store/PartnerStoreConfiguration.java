package org.doorstep.postings.partner.store;

import org.doorstep.postings.outbox.OutboxCollection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PartnerStoreConfiguration {

    /** Partner documents carry an outbox the sweeper watches. */
    @Bean
    OutboxCollection partnersOutbox() {
        return PartnerStore.COLLECTION;
    }
}
