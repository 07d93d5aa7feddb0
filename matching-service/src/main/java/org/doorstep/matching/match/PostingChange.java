package org.doorstep.matching.match;

/** A change of a posting as the postings topic tells it, for {@link MatchEngine#postingsChanged}. */
public sealed interface PostingChange {

    String postingId();

    /**
     * Created or changed (or arrived closed or expired), from the given shard (partition); -1: none; with what
     * duplicate detection keeps of it (null: the posting takes no part in it).
     */
    record Upserted(org.doorstep.matching.scoring.Posting posting, int shard,
                    org.doorstep.matching.duplicates.JobSignature job) implements PostingChange {

        public Upserted(org.doorstep.matching.scoring.Posting posting, int shard) {
            this(posting, shard, null);
        }

        @Override
        public String postingId() {
            return posting.id();
        }
    }

    /** Closed at this version. */
    record Closed(String postingId, long version) implements PostingChange {
    }
}
