package org.doorstep.matching.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import org.doorstep.matching.scoring.EmploymentType;
import org.doorstep.matching.scoring.Posting;
import org.doorstep.matching.scoring.Salary;
import org.doorstep.matching.scoring.SalaryPeriod;
import org.doorstep.matching.scoring.Seeker;
import org.doorstep.matching.scoring.Workplace;
import org.doorstep.matching.taxonomy.Taxonomy;

/**
 * Seekers in clusters (default 200 each), every cluster in a town of its own (more than 100 km from the next)
 * with two skills of its own; a posting goes to one cluster's town and asks for its two skills, so it matches
 * about the whole cluster and nobody else: the fan-out of DESIGN 8's target (one posting, up to 200 seekers).
 * Ids are random UUIDs, as the platform's are (their length is what listings store).
 */
final class ClusteredWorkload {

    private final Taxonomy taxonomy;
    private final int clusterSize;
    private final int clusters;
    private final SplittableRandom random;
    private final Instant now;
    private int nextCluster;

    ClusteredWorkload(Taxonomy taxonomy, int seekers, int clusterSize, long seed, Instant now) {
        this.taxonomy = taxonomy;
        this.clusterSize = clusterSize;
        this.clusters = Math.max(1, seekers / clusterSize);
        this.random = new SplittableRandom(seed);
        this.now = now;
    }

    int clusters() {
        return clusters;
    }

    List<Seeker> seekers() {
        List<Seeker> seekers = new ArrayList<>(clusters * clusterSize);
        for (int c = 0; c < clusters; c++) {
            for (int i = 0; i < clusterSize; i++) {
                // within about 5 km of the town; a limit of 25 km
                double lat = lat(c) + (random.nextDouble() - 0.5) * 0.09;
                double lon = lon(c) + (random.nextDouble() - 0.5) * 0.09;
                seekers.add(new Seeker(UUID.randomUUID().toString(), 1, true, lat, lon, "CN-" + c, 25, false,
                        new int[0], skills(c), null, Float.NaN, Float.NaN, null, 0, 0, 0));
            }
        }
        return seekers;
    }

    /** The next posting, for the clusters in turn. */
    Posting nextPosting() {
        int c = nextCluster;
        nextCluster = (nextCluster + 1) % clusters;
        String id = UUID.randomUUID().toString();
        return new Posting(id, "partner-bench", "EXT-" + id, 1, true, "Bench job " + c, lat(c), lon(c), "CN-" + c,
                "Town " + c, Workplace.ONSITE, EmploymentType.FULL_TIME,
                new Salary(8000, 12000, "CNY", SalaryPeriod.MONTH), 0, false, skills(c), new int[0], null, Float.NaN,
                0, 0, List.of("BENCH"), now.plusSeconds(30L * 86_400), now);
    }

    List<Posting> nextPostings(int n) {
        List<Posting> postings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            postings.add(nextPosting());
        }
        return postings;
    }

    private int[] skills(int cluster) {
        int known = taxonomy.knownSkillCount();
        int a = (2 * cluster) % known;
        int b = (2 * cluster + 1) % known;
        return a < b ? new int[] {a, b} : new int[] {b, a};
    }

    /** Towns on a grid of 1.2 degrees (about 130 km) over eastern China. */
    private static double lat(int cluster) {
        return 22 + (cluster / 15) * 1.2;
    }

    private static double lon(int cluster) {
        return 100 + (cluster % 15) * 1.2;
    }
}
