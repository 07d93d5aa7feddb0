package org.doorstep.matching.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.doorstep.matching.extraction.ProfileInference;
import org.doorstep.matching.extraction.SkillExtractor;
import org.doorstep.matching.scoring.Accommodation;
import org.doorstep.matching.scoring.Education;
import org.doorstep.matching.scoring.EmploymentType;
import org.doorstep.matching.scoring.KeyGroup;
import org.doorstep.matching.scoring.Masks;
import org.doorstep.matching.scoring.Posting;
import org.doorstep.matching.scoring.Salary;
import org.doorstep.matching.scoring.SalaryPeriod;
import org.doorstep.matching.scoring.Seeker;
import org.doorstep.matching.scoring.Workplace;
import org.doorstep.matching.taxonomy.CsvReader;
import org.doorstep.matching.taxonomy.Taxonomy;

/**
 * Seekers and postings generated from the real reference data with a fixed seed: places are Chinese
 * GeoNames cities drawn by population and jittered by a few kilometres; each person or posting gets an
 * ESCO occupation and skills drawn from that occupation's essential and optional skills (with a few
 * from elsewhere); the remaining fields vary within realistic ranges.
 */
final class Workload {

    private record City(double lat, double lon) {
    }

    private record Job(int isco, int profile, int[] essential, int[] optional) {
    }

    private final Taxonomy taxonomy;
    private final ProfileInference inference;
    private final City[] cities;
    private final double[] cumulativePopulation;
    private final Job[] jobs;
    private final int[] allSkills;
    private final Instant now;

    Workload(Path data, Taxonomy taxonomy, Instant now) {
        this.taxonomy = taxonomy;
        this.inference = new ProfileInference(taxonomy, new SkillExtractor(taxonomy));
        this.now = now;
        List<City> cityList = new ArrayList<>();
        List<Double> cumulative = new ArrayList<>();
        double total = 0;
        try {
            for (String line : Files.readAllLines(data.resolve("geo/cities15000.txt"), StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f.length > 14 && "CN".equals(f[8])) {
                    total += Math.max(15_000, Long.parseLong(f[14]));
                    cityList.add(new City(Double.parseDouble(f[4]), Double.parseDouble(f[5])));
                    cumulative.add(total);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cities = cityList.toArray(City[]::new);
        cumulativePopulation = cumulative.stream().mapToDouble(Double::doubleValue).toArray();

        Map<String, Integer> iscoByUri = new HashMap<>();
        CsvReader.forEach(data.resolve("esco/occupations_en.csv"), row -> {
            int isco = org.doorstep.matching.taxonomy.IscoCode.parse(row.get("iscoGroup"));
            if (isco > 0) {
                iscoByUri.put(row.get("conceptUri"), isco);
            }
        });
        Map<String, List<Integer>> essential = new HashMap<>();
        Map<String, List<Integer>> optional = new HashMap<>();
        CsvReader.forEach(data.resolve("esco/occupationSkillRelations.csv.gz"), row -> {
            int skill = taxonomy.skill(null, row.get("skillUri"));
            if (skill >= 0) {
                ("essential".equals(row.get("relationType")) ? essential : optional)
                        .computeIfAbsent(row.get("occupationUri"), k -> new ArrayList<>()).add(skill);
            }
        });
        List<Job> jobList = new ArrayList<>();
        iscoByUri.forEach((uri, isco) -> {
            List<Integer> e = essential.getOrDefault(uri, List.of());
            if (e.size() >= 5) {
                jobList.add(new Job(isco, taxonomy.profileOf(taxonomy.occupation(uri)), ints(e),
                        ints(optional.getOrDefault(uri, List.of()))));
            }
        });
        jobList.sort((a, b) -> Integer.compare(Arrays.hashCode(a.essential), Arrays.hashCode(b.essential)));
        jobs = jobList.toArray(Job[]::new);
        allSkills = jobList.stream().flatMapToInt(j -> Arrays.stream(j.essential)).distinct().sorted().toArray();
    }

    int cityCount() {
        return cities.length;
    }

    int jobCount() {
        return jobs.length;
    }

    Seeker seeker(SplittableRandom r) {
        Job job = jobs[r.nextInt(jobs.length)];
        City city = city(r);
        int n = 4 + r.nextInt(7);
        int[] skills = new int[n];
        for (int i = 0; i < n; i++) {
            double p = r.nextDouble();
            skills[i] = p < 0.7 || job.optional.length == 0 ? job.essential[r.nextInt(job.essential.length)]
                    : p < 0.93 ? job.optional[r.nextInt(job.optional.length)] : allSkills[r.nextInt(allSkills.length)];
        }
        skills = Arrays.stream(skills).distinct().sorted().toArray();
        // stated (80%) plus inferred from the skills, as the service's DomainTranslator does
        ProfileInference.Occupations occupations = inference.seekerOccupations(skills,
                r.nextDouble() < 0.8 ? List.of(Integer.toString(job.isco)) : List.of());
        float[] distances = {5, 10, 15, 20, 25, 30, 50};
        boolean hasSalary = r.nextDouble() < 0.7;
        return new Seeker(new UUID(r.nextLong(), r.nextLong()).toString(), 1, true,
                city.lat + r.nextGaussian() * 0.05, city.lon + r.nextGaussian() * 0.05, null,
                distances[r.nextInt(distances.length)], r.nextDouble() < 0.2, occupations.isco(), skills,
                r.nextDouble() < 0.2 ? null : Education.values()[1 + r.nextInt(6)],
                r.nextDouble() < 0.2 ? Float.NaN : r.nextInt(16),
                hasSalary ? 3000 + r.nextInt(27_000) : Float.NaN, hasSalary ? "CNY" : null,
                Masks.of(List.of(EmploymentType.values()[r.nextInt(5)])),
                r.nextDouble() < 0.1 ? Masks.of(List.of(KeyGroup.values()[r.nextInt(6)])) : 0,
                r.nextDouble() < 0.03 ? Masks.of(List.of(Accommodation.values()[r.nextInt(6)])) : 0,
                occupations.confidence());
    }

    Posting posting(SplittableRandom r, int n) {
        Job job = jobs[r.nextInt(jobs.length)];
        City city = city(r);
        int required = 2 + r.nextInt(2);
        int[] req = pick(r, job.essential, required);
        int[] opt = Arrays.stream(pick(r, job.optional.length > 0 && r.nextBoolean() ? job.optional : job.essential, 2 + r.nextInt(4)))
                .filter(s -> Arrays.binarySearch(req, s) < 0).toArray();
        double p = r.nextDouble();
        Workplace workplace = p < 0.05 ? Workplace.REMOTE : p < 0.2 ? Workplace.HYBRID : Workplace.ONSITE;
        double min = 3000 + r.nextInt(20_000);
        return new Posting("p-" + n + "-" + new UUID(r.nextLong(), r.nextLong()), "partner-" + r.nextInt(50), "EXT-" + n, 1, true,
                "posting " + n, city.lat + r.nextGaussian() * 0.05, city.lon + r.nextGaussian() * 0.05, null, null,
                workplace, EmploymentType.values()[r.nextInt(5)], new Salary(min, min * 1.5, "CNY", SalaryPeriod.MONTH),
                job.isco, false, req, opt, r.nextBoolean() ? null : Education.values()[1 + r.nextInt(5)],
                r.nextBoolean() ? Float.NaN : r.nextInt(6),
                r.nextDouble() < 0.1 ? Masks.of(List.of(KeyGroup.values()[r.nextInt(6)])) : 0,
                r.nextDouble() < 0.1 ? Masks.of(List.of(Accommodation.values()[r.nextInt(6)])) : 0,
                List.of(), now.plusSeconds(86_400L * 30), now.minusSeconds(r.nextInt(86_400 * 30)), 1f, new int[0],
                new float[0], job.profile);
    }

    private City city(SplittableRandom r) {
        double x = r.nextDouble() * cumulativePopulation[cumulativePopulation.length - 1];
        int i = Arrays.binarySearch(cumulativePopulation, x);
        return cities[i < 0 ? Math.min(-i - 1, cities.length - 1) : i];
    }

    private static int[] pick(SplittableRandom r, int[] from, int n) {
        int[] out = new int[Math.min(n, from.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = from[r.nextInt(from.length)];
        }
        return Arrays.stream(out).distinct().sorted().toArray();
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
    }
}
