package org.doorstep.postings.feed;

import org.doorstep.postings.posting.PostingContent;

/**
 * Which postings a reader follows: a region (the posting's {@code regionCode} or a prefix of it, as region codes
 * nest: {@code 51} is Sichuan, {@code 510100} Chengdu), an occupation (ISCO-08 code or prefix, or an ESCO URI) and
 * a tag (one of the posting's campaign codes, or one of its target groups); null is any.
 */
public record FeedFilter(String region, String occupation, String tag) {

    public static final FeedFilter ANY = new FeedFilter(null, null, null);

    public boolean matches(FeedPosting posting) {
        PostingContent p = posting.content();
        return (region == null || p.location() != null && p.location().regionCode() != null
                && p.location().regionCode().startsWith(region))
                && (occupation == null || p.occupation() != null && p.occupation().startsWith(occupation))
                && (tag == null || p.campaignCodes().contains(tag)
                || p.targetGroups().stream().anyMatch(g -> g.name().equals(tag)));
    }
}
