package org.doorstep.matching.extraction;

import java.util.List;

/** The skills and occupations found in one text, most confident first. */
public record Extraction(List<FoundConcept> skills, List<FoundConcept> occupations) {
}
