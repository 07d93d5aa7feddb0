package org.doorstep.postings.posting;

/**
 * Who offers the job, as the partner names it (optional). Matching uses it to tell one job published by several
 * partners from two jobs in one place: postings that both name an employer are the same job only for the same one.
 */
public record Employer(String name) {
}
