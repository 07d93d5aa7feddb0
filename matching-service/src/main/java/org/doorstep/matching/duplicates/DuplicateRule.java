package org.doorstep.matching.duplicates;

import org.doorstep.matching.scoring.Geo;

/**
 * When two postings are the same job (issue 16, "one job, one notification"): published by different partners,
 * at most {@code maxDistanceKm} apart, by the same employer when both name one, with titles and descriptions alike.
 * With both descriptions long enough to compare: the title's words overlap by {@code titleWithDescription} or more
 * and the descriptions by {@code description} or more (a strong description overlap, 0.8, lets a title differ
 * more, and the same title words let a description differ more: half of {@code description});
 * with the same short description (too short to sketch) word for word, the titles by {@code titleWithDescription};
 * otherwise the titles alone must overlap by {@code titleAlone}, and only when both name the (same) employer: a title
 * and a place are not evidence enough ({@code compareDescriptions} off is the benchmark's baseline: title and place
 * only, employer or not). The thresholds were chosen on the duplicate
 * benchmark ({@code DuplicateQuality}: real postings re-published with realistic edits; see matching-service's
 * README).
 */
public record DuplicateRule(double maxDistanceKm, double titleWithDescription, double description, double titleAlone,
                            boolean compareDescriptions) {

    public static final DuplicateRule DEFAULT = new DuplicateRule(0.3, 0.6, 0.35, 0.75, true);

    public boolean same(JobSignature a, JobSignature b) {
        if (a.postingId().equals(b.postingId()) || a.partnerId() == null || a.partnerId().equals(b.partnerId())) {
            return false;
        }
        if (a.employer() != null && b.employer() != null && !a.employer().equals(b.employer())) {
            return false;
        }
        if (Geo.km(a.lat(), a.lon(), b.lat(), b.lon()) > maxDistanceKm) {
            return false;
        }
        double title = a.titleSimilarity(b);
        if (compareDescriptions && a.described() && b.described()) {
            double text = a.descriptionSimilarity(b);
            return title >= titleWithDescription && text >= description || text >= 0.8 && title >= titleWithDescription / 2
                    || title >= 0.99 && text >= description / 2;
        }
        if (compareDescriptions && a.sameShortDescription(b)) {
            return title >= titleWithDescription;
        }
        // too little text to compare: the title is enough only for the same named employer
        return (!compareDescriptions || a.employer() != null && b.employer() != null) && title >= titleAlone;
    }
}
