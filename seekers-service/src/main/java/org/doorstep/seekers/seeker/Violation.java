package org.doorstep.seekers.seeker;

/** One reason a request was refused: the JSON path of the field ({@code salaryExpectation.min}) and why. */
public record Violation(String field, String reason) {
}
