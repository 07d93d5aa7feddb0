package org.doorstep.seekers.seeker;

import java.time.Instant;

/**
 * One recorded consent decision: for what ({@code purpose}), given or withdrawn, by whom (the token's
 * subject), when, and through which request.
 */
public record ConsentRecord(ConsentPurpose purpose, boolean given, String by, Instant at, String via) {

    public enum ConsentPurpose {
        KEY_GROUPS("use key-group membership and accommodation needs to prioritise and filter job matches"),
        SHARE_WITH_PARTNERS("let the partner job board whose posting matched see the match"),
        SHARE_CONTACT_ON_APPLICATION("give my name and contact to the partner of the posting I apply to, with this application");

        private final String description;

        ConsentPurpose(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
