package org.doorstep.notifications.application;

/** An outcome for an application the seeker withdrew: nothing can happen to it any more (409). */
public class ApplicationClosed extends RuntimeException {

    public ApplicationClosed(String applicationId) {
        super("application " + applicationId + " was withdrawn");
    }
}
