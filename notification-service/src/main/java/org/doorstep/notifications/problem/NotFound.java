package org.doorstep.notifications.problem;

/** Something the caller asked for that does not exist for them (another seeker's item is "not found" too). */
public class NotFound extends RuntimeException {

    public NotFound(String what) {
        super(what + " not found");
    }
}
