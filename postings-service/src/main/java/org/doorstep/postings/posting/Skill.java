package org.doorstep.postings.posting;

/** A skill a posting asks for, by free label or ESCO URI (at least one of the two). */
public record Skill(String label, String escoUri, boolean required) {
}
