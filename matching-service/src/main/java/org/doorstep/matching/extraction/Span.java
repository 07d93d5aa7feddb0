package org.doorstep.matching.extraction;

/** Where in the text a concept was found: UTF-16 offsets {@code [start, end)} and the text there. */
public record Span(int start, int end, String text) {
}
