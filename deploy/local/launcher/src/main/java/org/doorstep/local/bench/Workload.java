package org.doorstep.local.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.doorstep.local.bench.ReferenceData.Occupation;
import org.doorstep.local.bench.ReferenceData.Place;
import org.doorstep.local.bench.ReferenceData.Skill;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The benchmark's seekers and postings, resampled from the reference data with a fixed seed. Seekers live
 * in clusters: each cluster is a county (its site) with an ESCO occupation; its seekers live within a few
 * kilometres of the site and hold 3 to 6 of the occupation's first 8 essential skills. A posting is
 * published at a watched cluster's site for its occupation (its first 4 essential skills required, the next
 * 2 optional), so it can match every seeker of the cluster and matching keeps the best 200: realistic
 * fan-out of up to 200. The cluster's watched seeker lives at the site, holds all 6 skills at expert level
 * and wants that occupation, so every posting there matches them.
 */
final class Workload {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] LEVELS = {"BASIC", "INTERMEDIATE", "ADVANCED", "EXPERT"};
    private static final String[] EDUCATION = {"SECONDARY", "VOCATIONAL", "BACHELOR"};
    private static final double KM_PER_DEGREE = 111.2;

    /** A posting site with its occupation; seekers {@code i} with {@code i % clusters == index} live around it. */
    record Cluster(int index, Place site, Occupation occupation) {
    }

    private final BenchOptions options;
    private final List<Cluster> clusters;
    /** Each posting is a vacancy of its own: its description carries a number, so no two are the same job. */
    private final java.util.concurrent.atomic.AtomicLong vacancies = new java.util.concurrent.atomic.AtomicLong();

    Workload(ReferenceData data, BenchOptions options) {
        this.options = options;
        Random random = new Random(options.seed());
        List<Place> places = new ArrayList<>(data.places());
        List<Occupation> occupations = new ArrayList<>(data.occupations());
        Collections.shuffle(places, random);
        Collections.shuffle(occupations, random);
        if (places.isEmpty() || occupations.isEmpty()) {
            throw new IllegalStateException("The reference data has no counties or no occupations with "
                    + ReferenceData.MIN_ESSENTIAL_SKILLS + " essential skills");
        }
        List<Cluster> all = new ArrayList<>();
        for (int i = 0; i < options.clusters(); i++) {
            all.add(new Cluster(i, places.get(i % places.size()), occupations.get(i % occupations.size())));
        }
        this.clusters = List.copyOf(all);
    }

    List<Cluster> clusters() {
        return clusters;
    }

    Cluster watchedCluster(int posting) {
        return clusters.get(posting % options.watchedClusters());
    }

    /** The registration body of background seeker {@code n} (0 to seekers - 1); the same for the same seed. */
    String seeker(int n) {
        Cluster cluster = clusters.get(n % clusters.size());
        Random random = new Random(options.seed() * 1_000_003L + n);
        List<Skill> pool = new ArrayList<>(cluster.occupation().essentialSkills().subList(0, ReferenceData.MIN_ESSENTIAL_SKILLS));
        Collections.shuffle(pool, random);
        ObjectNode body = JSON.createObjectNode();
        body.put("displayName", "Bench seeker " + n);
        double km = Math.abs(random.nextGaussian()) * 4;
        double bearing = random.nextDouble() * 2 * Math.PI;
        location(body, cluster.site(), km * Math.cos(bearing), km * Math.sin(bearing));
        body.put("maxDistanceKm", 15 + random.nextInt(26));
        body.put("remoteOk", random.nextInt(5) == 0);
        if (random.nextBoolean()) {
            body.putArray("desiredOccupations").add(cluster.occupation().uri());
        }
        ArrayNode skills = body.putArray("skills");
        for (Skill skill : pool.subList(0, 3 + random.nextInt(4))) {
            skills.addObject().put("label", skill.label()).put("escoUri", skill.uri()).put("level", LEVELS[random.nextInt(LEVELS.length)]);
        }
        body.put("education", EDUCATION[random.nextInt(EDUCATION.length)]);
        body.put("experienceYears", random.nextInt(11));
        body.putArray("employmentTypes").add("FULL_TIME");
        body.putArray("languages").add("zh");
        return body.toString();
    }

    /** The registration body of the watched seeker of a cluster: the best fit for every posting at its site. */
    String watchedSeeker(Cluster cluster) {
        ObjectNode body = JSON.createObjectNode();
        body.put("displayName", "Bench watched seeker " + cluster.index());
        location(body, cluster.site(), 0, 0);
        body.put("maxDistanceKm", 50);
        body.put("remoteOk", true);
        body.putArray("desiredOccupations").add(cluster.occupation().uri());
        ArrayNode skills = body.putArray("skills");
        for (Skill skill : postingSkills(cluster)) {
            skills.addObject().put("label", skill.label()).put("escoUri", skill.uri()).put("level", "EXPERT");
        }
        body.put("education", "BACHELOR");
        body.put("experienceYears", 5);
        body.putArray("employmentTypes").add("FULL_TIME");
        body.putArray("languages").add("zh");
        return body.toString();
    }

    /**
     * A posting at the cluster's site for its occupation. Its employer and description name the run, so that a run on
     * a platform that still holds an earlier run's postings is not taken for the same jobs again (matching tells a
     * seeker of a job once, and the earlier run's postings at the same site, with the same title and a description
     * alike, would be that job: the second quick run on one platform delivered 0 of 100).
     */
    String posting(Cluster cluster, String runId, Instant validThrough) {
        ObjectNode body = JSON.createObjectNode();
        body.put("title", cluster.occupation().label());
        body.put("description", "Benchmark vacancy " + runId + "-" + vacancies.incrementAndGet() + " for " + cluster.occupation().label()
                + " in " + cluster.site().name() + ".");
        body.put("occupation", cluster.occupation().uri());
        ArrayNode skills = body.putArray("skills");
        List<Skill> asked = postingSkills(cluster);
        for (int i = 0; i < asked.size(); i++) {
            skills.addObject().put("label", asked.get(i).label()).put("escoUri", asked.get(i).uri()).put("required", i < 4);
        }
        ObjectNode location = body.putObject("location");
        location.put("lat", cluster.site().lat());
        location.put("lon", cluster.site().lon());
        location.put("regionCode", cluster.site().regionCode());
        location.put("address", cluster.site().name());
        body.putObject("employer").put("name", "Benchmark employer " + runId);
        body.put("workplace", "ONSITE");
        body.put("employmentType", "FULL_TIME");
        body.putObject("salary").put("min", 6000).put("max", 12000).put("currency", "CNY").put("period", "MONTH");
        body.put("vacancies", 5);
        body.put("minExperienceYears", 0);
        body.putArray("targetGroups");
        body.putArray("accommodations");
        body.putArray("campaignCodes");
        body.putArray("languages").add("zh");
        body.put("validThrough", validThrough.toString());
        return body.toString();
    }

    private static List<Skill> postingSkills(Cluster cluster) {
        return cluster.occupation().essentialSkills().subList(0, 6);
    }

    private static void location(ObjectNode body, Place site, double northKm, double eastKm) {
        double lat = site.lat() + northKm / KM_PER_DEGREE;
        double lon = site.lon() + eastKm / (KM_PER_DEGREE * Math.cos(Math.toRadians(site.lat())));
        ObjectNode location = body.putObject("location");
        location.put("lat", Math.round(lat * 1e5) / 1e5);
        location.put("lon", Math.round(lon * 1e5) / 1e5);
        location.put("regionCode", site.regionCode());
    }
}
