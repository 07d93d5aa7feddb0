package org.doorstep.postings.problem;

import java.net.URI;

/** The stable {@code type} URIs of this service's problems. */
public final class ProblemTypes {

    private static final String BASE = "https://doorstep.example/problems/";

    public static final URI VALIDATION = URI.create(BASE + "validation");
    public static final URI UNAUTHORIZED = URI.create(BASE + "unauthorized");
    public static final URI FORBIDDEN = URI.create(BASE + "forbidden");
    public static final URI NOT_FOUND = URI.create(BASE + "not-found");
    public static final URI PRECONDITION_FAILED = URI.create(BASE + "precondition-failed");
    public static final URI PAYLOAD_TOO_LARGE = URI.create(BASE + "payload-too-large");
    public static final URI RATE_LIMITED = URI.create(BASE + "rate-limited");
    public static final URI CONFLICT = URI.create(BASE + "conflict");
    public static final URI BAD_REQUEST = URI.create(BASE + "bad-request");
    public static final URI INTERNAL = URI.create(BASE + "internal");
    public static final URI STORE_UNAVAILABLE = URI.create(BASE + "store-unavailable");

    private ProblemTypes() {
    }
}
