package org.doorstep.matching.extraction;

import java.util.List;

/**
 * A skill or occupation found in a text: its ESCO URI (or built-in key), preferred label, ISCO-08 unit
 * group (occupations only), a confidence in (0, 1) and every place it was mentioned.
 */
public record FoundConcept(String uri, String label, Integer isco, double confidence, List<Span> spans) {
}
