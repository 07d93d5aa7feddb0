package org.doorstep.matching.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.doorstep.matching.duplicates.DuplicateRule;
import org.doorstep.matching.duplicates.JobDirectory;
import org.doorstep.matching.duplicates.JobSignature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Precision and recall of duplicate detection (issue 16, "one job, one notification") on real postings: the
 * 14,842 NHS Jobs postings of {@code ../shared/data/nhs_jobs} as one board published them, then a sample of them
 * re-published by two other boards with the edits job boards make (coordinates geocoded up to 150 m apart, the
 * employer's name spelt differently or left out, the title re-cased, abbreviated, re-ordered or with a suffix, the
 * description cut, trimmed of sentences, stripped of its HTML or given the board's own paragraph). A pair is a
 * true duplicate when both are the same original; every other pair the rule reports is a false one, including
 * real postings of the same employer at the same place (many NHS trusts post near-identical templated jobs:
 * some of those may be true duplicates the labels do not know, so precision here is a lower bound).
 * <p>
 * Run: {@code java -cp <test classpath> org.doorstep.matching.bench.DuplicateQuality [copies] [seed]}. Prints the
 * rule in use next to a baseline measured in the same run (title and place only), and the time per lookup.
 */
public final class DuplicateQuality {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final java.util.Map<String, JobSignature> ORIGINALS = new java.util.HashMap<>();
    private static final String[] BOILERPLATE = {
            "Apply through our board today. We are an equal opportunities employer and welcome applications from all.",
            "This vacancy is advertised on behalf of the employer. Please mention our site when you apply.",
            "Register with us to receive similar jobs by email every week."};

    private record Job(String id, String partner, String title, String description, String employer, double lat, double lon,
                       String original) {
    }

    private DuplicateQuality() {
    }

    public static void main(String[] args) throws IOException {
        int copies = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261203L;
        List<Job> originals = load(SharedData.require().resolve("nhs_jobs/nhs_jobs_2020-11.jsonl.gz"));
        Random random = new Random(seed);
        List<Job> sample = new ArrayList<>(originals);
        Collections.shuffle(sample, random);
        List<Job> republished = new ArrayList<>();
        for (Job job : sample.subList(0, Math.min(copies, sample.size()))) {
            republished.add(edit(job, "board-1", random));
            if (random.nextDouble() < 0.5) {
                republished.add(edit(job, "board-2", random));
            }
        }
        Collections.shuffle(republished, random);
        System.out.printf(Locale.ROOT, "%,d postings of one board, %,d of them re-published by other boards as %,d postings (seed %d)%n",
                originals.size(), Math.min(copies, sample.size()), republished.size(), seed);
        DuplicateRule rule = DuplicateRule.DEFAULT;
        DuplicateRule baseline = new DuplicateRule(rule.maxDistanceKm(), rule.titleWithDescription(), rule.description(),
                rule.titleAlone(), false);
        report("baseline: title words and place only (title overlap >= " + baseline.titleAlone() + ")", baseline, originals, republished);
        report("rule: employer, place, title and description (DuplicateRule.DEFAULT)", DuplicateRule.DEFAULT, originals, republished);
        if (System.getProperty("sweep") != null) {
            // the thresholds around the default, on the same data (how DEFAULT was chosen)
            for (double title : new double[] {0.3, 0.4, 0.5, 0.6}) {
                for (double text : new double[] {0.35, 0.45, 0.55, 0.65}) {
                    report("sweep: title >= " + title + ", description >= " + text,
                            new DuplicateRule(rule.maxDistanceKm(), title, text, rule.titleAlone(), true), originals, republished);
                }
            }
        }
    }

    private static void report(String name, DuplicateRule rule, List<Job> originals, List<Job> republished) {
        JobDirectory directory = new JobDirectory(rule);
        for (Job job : originals) {
            directory.put(signature(job));
        }
        Set<String> truePairs = new HashSet<>();
        Set<String> found = new HashSet<>();
        List<Job> seen = new ArrayList<>();
        long nanos = 0;
        for (Job job : republished) {
            truePairs.add(pair(job.id(), job.original()));
            for (Job earlier : seen) {
                if (earlier.original().equals(job.original())) {
                    truePairs.add(pair(job.id(), earlier.id()));
                }
            }
            JobSignature signature = signature(job);
            long start = System.nanoTime();
            List<JobSignature> duplicates = directory.duplicatesOf(signature);
            nanos += System.nanoTime() - start;
            for (JobSignature duplicate : duplicates) {
                found.add(pair(job.id(), duplicate.postingId()));
            }
            directory.put(signature);
            seen.add(job);
        }
        if (System.getProperty("misses") != null) {
            misses(republished, originals, truePairs, found);
        }
        long correct = found.stream().filter(truePairs::contains).count();
        long relisted = found.stream().filter(pair -> !truePairs.contains(pair) && relisted(pair, originals)).count();
        double precision = found.isEmpty() ? 0 : (double) correct / found.size();
        double recall = (double) correct / truePairs.size();
        double cleanPrecision = found.size() == relisted ? 0 : (double) correct / (found.size() - relisted);
        System.out.printf(Locale.ROOT, "%s%n  pairs found %,d, true %,d, correct %,d: precision %.3f, recall %.3f, F1 %.3f; %.1f µs a lookup%n"
                        + "  of the %,d false pairs, %,d join copies of two originals that are themselves the same job re-posted by the"
                        + " source board (same title words, descriptions >= 0.9 alike): precision without them %.3f%n",
                name, found.size(), truePairs.size(), correct, precision, recall, f1(precision, recall),
                nanos / 1e3 / republished.size(), found.size() - correct, relisted, cleanPrecision);
    }

    private static double f1(double precision, double recall) {
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /** Whether a pair joins (copies of) two source postings that are one job posted twice by the source board. */
    private static boolean relisted(String pair, List<Job> originals) {
        if (ORIGINALS.isEmpty()) {
            originals.forEach(job -> ORIGINALS.put(job.id(), signature(job)));
        }
        String[] ids = pair.split("\\|");
        JobSignature a = ORIGINALS.get(ids[0].replaceFirst("@.*", ""));
        JobSignature b = ORIGINALS.get(ids[1].replaceFirst("@.*", ""));
        return a != null && b != null && a.titleSimilarity(b) >= 0.99 && a.descriptionSimilarity(b) >= 0.9;
    }

    /** Why true pairs were missed and what the false ones look like (-Dmisses): similarities of a sample. */
    private static void misses(List<Job> republished, List<Job> originals, Set<String> truePairs, Set<String> found) {
        java.util.Map<String, Job> byId = new java.util.HashMap<>();
        originals.forEach(job -> byId.put(job.id(), job));
        republished.forEach(job -> byId.put(job.id(), job));
        int shown = 0;
        for (String pair : truePairs) {
            if (!found.contains(pair) && shown++ < 25) {
                String[] ids = pair.split("\\|");
                describe("missed", byId.get(ids[0]), byId.get(ids[1]));
            }
        }
        shown = 0;
        for (String pair : found) {
            if (!truePairs.contains(pair) && shown++ < 25) {
                String[] ids = pair.split("\\|");
                describe("false", byId.get(ids[0]), byId.get(ids[1]));
            }
        }
    }

    private static void describe(String kind, Job a, Job b) {
        JobSignature x = signature(a);
        JobSignature y = signature(b);
        System.out.printf(Locale.ROOT, "  %s title %.2f text %.2f km %.3f employer %s / %s | %s | %s%n", kind, x.titleSimilarity(y),
                x.descriptionSimilarity(y), org.doorstep.matching.scoring.Geo.km(a.lat(), a.lon(), b.lat(), b.lon()), x.employer(),
                y.employer(), a.title(), b.title());
    }

    private static JobSignature signature(Job job) {
        return JobSignature.of(job.id(), job.partner(), job.id(), job.employer(), job.title(), job.description(), job.lat(), job.lon());
    }

    private static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    private static List<Job> load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            System.err.println("missing " + file);
            System.exit(2);
        }
        List<Job> jobs = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode node = JSON.readTree(line);
                JsonNode geo = node.path("jobLocation").path("geo");
                String lat = geo.path("latitude").asString("");
                String lon = geo.path("longitude").asString("");
                if (lat.isBlank() || lon.isBlank()) {
                    continue;
                }
                String id = "nhs-" + node.path("source_file").asString("").replace(".json", "");
                jobs.add(new Job(id, "nhs", node.path("title").asString(""), node.path("description").asString(""),
                        node.path("hiringOrganization").path("name").asString(null), Double.parseDouble(lat),
                        Double.parseDouble(lon), id));
            }
        }
        return jobs;
    }

    /** The posting as another board re-publishes it. */
    private static Job edit(Job job, String partner, Random random) {
        double distanceKm = random.nextDouble() * 0.15;
        double bearing = random.nextDouble() * 2 * Math.PI;
        double lat = job.lat() + distanceKm * Math.cos(bearing) / 111.2;
        double lon = job.lon() + distanceKm * Math.sin(bearing) / (111.2 * Math.cos(Math.toRadians(job.lat())));
        return new Job(job.id() + "@" + partner, partner, title(job.title(), random), description(job.description(), random),
                employer(job.employer(), random), lat, lon, job.id());
    }

    private static String employer(String employer, Random random) {
        double roll = random.nextDouble();
        if (employer == null || roll < 0.4) {
            return null;
        }
        if (roll < 0.55) {
            return employer.toUpperCase(Locale.ROOT);
        }
        if (roll < 0.7) {
            return employer.startsWith("The ") ? employer.substring(4) : "The " + employer;
        }
        if (roll < 0.8) {
            return employer.replace(" and ", " & ");
        }
        return employer;
    }

    private static String title(String title, Random random) {
        double roll = random.nextDouble();
        if (roll < 0.3) {
            return title;
        }
        if (roll < 0.45) {
            return title.toUpperCase(Locale.ROOT);
        }
        if (roll < 0.6) {
            return title.replace("Senior", "Snr").replace("Assistant", "Asst").replace("Manager", "Mgr");
        }
        if (roll < 0.75) {
            int dash = title.indexOf(" - ");
            return dash > 0 ? title.substring(dash + 3) + " - " + title.substring(0, dash) : title + " - NHS";
        }
        if (roll < 0.9) {
            return title + (random.nextBoolean() ? " (Full time)" : " - Apply now");
        }
        return title.replaceAll("\\s*\\(?[Bb]and \\d+[a-z]?\\)?", "").strip();
    }

    private static String description(String description, Random random) {
        String text = description;
        if (random.nextDouble() < 0.5) {
            text = text.replace("&lt;", "<").replace("&gt;", ">").replaceAll("<[^>]*>", " ").replace("&amp;", "&");
        }
        String[] sentences = text.split("(?<=[.!?])\\s+");
        List<String> kept = new ArrayList<>();
        double drop = random.nextDouble() * 0.25;
        for (String sentence : sentences) {
            if (random.nextDouble() >= drop) {
                kept.add(sentence);
            }
        }
        if (random.nextDouble() < 0.3 && kept.size() > 4) {
            kept = kept.subList(0, Math.max(3, (int) (kept.size() * (0.6 + 0.2 * random.nextDouble()))));
        }
        String result = String.join(" ", kept);
        if (random.nextDouble() < 0.5) {
            result = result + " " + BOILERPLATE[random.nextInt(BOILERPLATE.length)];
        }
        return result;
    }
}
