package org.doorstep.notifications.inbox;

import org.doorstep.notifications.problem.InvalidRequest;

/** A paging cursor that this service did not issue. */
public class InvalidCursor extends InvalidRequest {

    public InvalidCursor(String cursor) {
        super("cursor", "not a cursor issued by this service");
    }
}
