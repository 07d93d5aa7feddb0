package org.doorstep.postings.problem;

/** One broken rule of a request: the JSON path of the field ({@code salary.min}, {@code skills[3].label}) and why. */
public record Violation(String field, String reason) {
}
