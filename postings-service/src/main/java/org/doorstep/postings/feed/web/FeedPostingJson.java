package org.doorstep.postings.feed.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.doorstep.postings.feed.FeedPosting;
import org.doorstep.postings.posting.PostingContent;
import org.springframework.boot.jackson.JacksonMixin;

/** A feed item's posting on the wire: one flat object, the content in line with the posting's own fields. */
@JacksonMixin(FeedPosting.class)
abstract class FeedPostingJson {

    @JsonUnwrapped
    abstract PostingContent content();
}
