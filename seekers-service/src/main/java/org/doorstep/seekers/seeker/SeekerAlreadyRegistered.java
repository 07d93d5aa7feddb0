package org.doorstep.seekers.seeker;

/** A profile already exists for this subject (production mode, where the identity provider names the seeker). */
public class SeekerAlreadyRegistered extends RuntimeException {

    public SeekerAlreadyRegistered(String seekerId) {
        super("seeker " + seekerId + " is already registered");
    }
}
