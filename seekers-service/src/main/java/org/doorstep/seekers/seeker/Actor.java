package org.doorstep.seekers.seeker;

/** Who made a change ({@code subject} of the token, or the new seeker's id) and through which request. */
public record Actor(String subject, String via) {
}
