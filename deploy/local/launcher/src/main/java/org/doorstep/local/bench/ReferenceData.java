package org.doorstep.local.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The real public data the benchmark resamples, read at run time from {@code ../shared/data} (never
 * copied into the project): Chinese counties with their coordinates (posting sites and where seekers
 * live) and ESCO occupations with their essential skills (what postings ask and seekers offer).
 */
record ReferenceData(List<Place> places, List<Occupation> occupations) {

    /** A county: its name, coordinates and administrative division code (2023) where the name is unambiguous. */
    record Place(String name, double lat, double lon, String regionCode) {
    }

    record Skill(String uri, String label) {
    }

    /** An ESCO occupation with its ISCO-08 unit group and essential skills, in ESCO's order. */
    record Occupation(String uri, String iscoGroup, String label, List<Skill> essentialSkills) {
    }

    static final int MIN_ESSENTIAL_SKILLS = 8;

    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    /** Reads the data, or fails naming what is missing and where it was looked for. */
    static ReferenceData load(Path dataDir) {
        List<Path> needed = List.of(dataDir.resolve("geo/china_region_county_latlon.csv"), dataDir.resolve("geo/china_adcode_areas_2023.csv"),
                dataDir.resolve("esco/occupations_en.csv"), dataDir.resolve("esco/skills_en.csv"),
                dataDir.resolve("esco/occupationSkillRelations.csv.gz"));
        List<Path> missing = needed.stream().filter(path -> !Files.isRegularFile(path)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The benchmark resamples the reference data in " + dataDir.toAbsolutePath().normalize()
                    + " (../shared/data beside the project), which is absent or incomplete: missing " + missing
                    + ". Put it there, or point --data at a copy.");
        }
        try {
            return new ReferenceData(places(dataDir), occupations(dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + dataDir + " failed", e);
        }
    }

    private static List<Place> places(Path dir) throws IOException {
        Map<String, String> codeByCounty = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (CSVRecord row : records(dir.resolve("geo/china_adcode_areas_2023.csv"))) {
            String name = row.get("name");
            if (codeByCounty.putIfAbsent(name, row.get("code")) != null) {
                ambiguous.add(name);
            }
        }
        ambiguous.forEach(codeByCounty::remove);
        List<Place> places = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CSVRecord row : records(dir.resolve("geo/china_region_county_latlon.csv"))) {
            String county = row.get("county");
            double lat = Double.parseDouble(row.get("latitude"));
            double lon = Double.parseDouble(row.get("longitude"));
            // the file rounds to 0.01 degrees; a county listed twice at one point would merge two sites
            if (seen.add(lat + "," + lon)) {
                places.add(new Place(row.get("province") + " " + county, lat, lon, codeByCounty.getOrDefault(county, row.get("zipCode"))));
            }
        }
        return places;
    }

    private static List<Occupation> occupations(Path dir) throws IOException {
        Map<String, List<String>> essentials = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("esco/occupationSkillRelations.csv.gz")));
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSV.parse(reader)) {
                if (row.get("relationType").equals("essential")) {
                    essentials.computeIfAbsent(row.get("occupationUri"), uri -> new ArrayList<>()).add(row.get("skillUri"));
                }
            }
        }
        Map<String, String> skillLabels = new HashMap<>();
        for (CSVRecord row : records(dir.resolve("esco/skills_en.csv"))) {
            skillLabels.put(row.get("conceptUri"), row.get("preferredLabel"));
        }
        List<Occupation> occupations = new ArrayList<>();
        for (CSVRecord row : records(dir.resolve("esco/occupations_en.csv"))) {
            List<Skill> skills = essentials.getOrDefault(row.get("conceptUri"), List.of()).stream()
                    .filter(skillLabels::containsKey)
                    .map(uri -> new Skill(uri, skillLabels.get(uri)))
                    .toList();
            if (skills.size() >= MIN_ESSENTIAL_SKILLS && row.get("iscoGroup").matches("\\d{4}")) {
                occupations.add(new Occupation(row.get("conceptUri"), row.get("iscoGroup"), row.get("preferredLabel"), skills));
            }
        }
        occupations.sort(Comparator.comparing(Occupation::uri));
        return occupations;
    }

    private static List<CSVRecord> records(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSV.parse(reader).getRecords();
        }
    }
}
