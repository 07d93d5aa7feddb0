package org.doorstep.postings.posting.store;

import org.doorstep.postings.outbox.OutboxCollection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PostingStoreConfiguration {

    /** Posting documents carry an outbox the sweeper watches. */
    @Bean
    OutboxCollection postingsOutbox() {
        return PostingStore.COLLECTION;
    }
}
