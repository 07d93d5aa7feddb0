package org.doorstep.notifications.application;

/**
 * A change an application can no longer take (409): an outcome for an application the seeker withdrew, or one already
 * hired or rejected, or an outcome that goes back (viewed after an interview); a withdrawal of a hired or rejected one.
 */
public class ApplicationClosed extends RuntimeException {

    public ApplicationClosed(String applicationId, String why) {
        super("application " + applicationId + " " + why);
    }
}
