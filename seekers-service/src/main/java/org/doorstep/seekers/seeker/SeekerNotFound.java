package org.doorstep.seekers.seeker;

/** No profile exists for the authenticated seeker. */
public class SeekerNotFound extends RuntimeException {

    public SeekerNotFound(String seekerId) {
        super("no seeker " + seekerId);
    }
}
