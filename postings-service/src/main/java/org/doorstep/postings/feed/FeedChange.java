package org.doorstep.postings.feed;

/** What happened to a posting, as the feed names it. */
public enum FeedChange { CREATED, UPDATED, CLOSED, EXPIRED }
