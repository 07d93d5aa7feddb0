package org.doorstep.matching.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Topic names (DESIGN 4); configurable so that tests can run isolated copies. */
@ConfigurationProperties("doorstep.topics")
record Topics(
        @DefaultValue("doorstep.postings.v1") String postings,
        @DefaultValue("doorstep.seekers.v1") String seekers,
        @DefaultValue("doorstep.feedback.v1") String feedback,
        @DefaultValue("doorstep.matches.v1") String matches,
        @DefaultValue("doorstep.posting-duplicates.v1") String duplicates) {
}
