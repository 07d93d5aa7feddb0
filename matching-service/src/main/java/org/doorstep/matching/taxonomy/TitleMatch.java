package org.doorstep.matching.taxonomy;

/** An occupation a job title names, how sure we are (0..1) and how it was found (alias, cleaned alias, words). */
public record TitleMatch(Occupation occupation, double confidence, String how) {
}
