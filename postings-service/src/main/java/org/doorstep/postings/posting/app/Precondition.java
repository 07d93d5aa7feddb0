package org.doorstep.postings.posting.app;

import java.util.Set;

/**
 * What a partner's {@code If-Match} and {@code If-None-Match} ask of a posting's current version (RFC 9110 13.1.1,
 * 13.1.2): {@code If-Match: *} that it exists, {@code If-Match: "3", "4"} that it is at one of these versions (a weak
 * tag never matches: If-Match compares strongly), {@code If-None-Match: *} that it does not exist yet, and
 * {@code If-None-Match: "3"} that it is at none of these.
 */
public record Precondition(boolean exists, Set<Long> versions, boolean absent, Set<Long> notVersions) {

    public static final Precondition NONE = new Precondition(false, null, false, Set.of());

    public Precondition {
        versions = versions == null ? null : Set.copyOf(versions);
        notVersions = Set.copyOf(notVersions);
    }

    /** If-Match with entity tags: one of these versions (none, when only weak tags were given). */
    public static Precondition oneOf(Set<Long> versions) {
        return new Precondition(false, versions, false, Set.of());
    }

    /** If-Match: *. */
    public static Precondition existing() {
        return new Precondition(true, null, false, Set.of());
    }

    /** And If-None-Match: *. */
    public Precondition andAbsent() {
        return new Precondition(exists, versions, true, notVersions);
    }

    /** And If-None-Match with entity tags. */
    public Precondition andNoneOf(Set<Long> others) {
        return new Precondition(exists, versions, absent, others);
    }

    /** Why a posting at {@code version} (null: no such posting) does not meet this, or null when it does. */
    String refusal(Long version) {
        if (version == null) {
            return exists || versions != null ? "The posting does not exist, so If-Match cannot match it." : null;
        }
        if (absent) {
            return "The posting exists (version " + version + "), and If-None-Match: * asks that it does not.";
        }
        if (versions != null && !versions.contains(version)) {
            return "The posting is at version " + version + ", not " + (versions.isEmpty() ? "a strong entity tag given"
                    : versions.stream().sorted().map(String::valueOf).reduce((a, b) -> a + " or " + b).orElseThrow()) + ".";
        }
        if (notVersions.contains(version)) {
            return "The posting is at version " + version + ", which If-None-Match names.";
        }
        return null;
    }
}
