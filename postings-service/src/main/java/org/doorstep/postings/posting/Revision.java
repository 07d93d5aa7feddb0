package org.doorstep.postings.posting;

import java.util.List;

/** The outcome of a command on a posting: its new state and the events it caused (none = unchanged). */
public record Revision(Posting posting, List<PostingEvent> events) {

    public Revision {
        events = List.copyOf(events);
    }

    public boolean changed() {
        return !events.isEmpty();
    }
}
