package org.doorstep.postings.feed.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.doorstep.postings.feed.FeedPosting;
import org.doorstep.postings.posting.PostingContent;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jackson.JacksonMixin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A feed item's posting on the wire: one flat object, the content in line with the posting's own fields. The
 * service's mapper finds this mix-in by its annotation; the API docs' mapper (springdoc's) is given it too, so that
 * the schema shows the object as written.
 */
@JacksonMixin(FeedPosting.class)
abstract class FeedPostingJson {

    @JsonUnwrapped
    abstract PostingContent content();

    @Configuration(proxyBeanMethods = false)
    static class InTheApiDocs {

        @Bean
        static BeanPostProcessor feedPostingInTheApiDocs() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof ObjectMapperProvider docs) {
                        docs.jsonMapper().addMixIn(FeedPosting.class, FeedPostingJson.class);
                    }
                    return bean;
                }
            };
        }
    }
}
