package org.doorstep.matching.taxonomy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.doorstep.matching.bench.SharedData;

/**
 * What the title experiments read from the ESCO CSVs in {@code ../shared/data/esco}: every occupation with an ISCO
 * group and its alternative titles, and the normalised labels of its essential (index 0) and optional (index 1) skills.
 */
record EscoTitles(List<Row> rows, Map<Occupation, List<List<String>>> skills) {

    record Row(Occupation occupation, List<String> aliases) {
    }

    static EscoTitles load() {
        Path esco = SharedData.require().resolve("esco");
        List<Row> rows = new ArrayList<>();
        Map<String, Occupation> byUri = new HashMap<>();
        CsvReader.forEach(esco.resolve("occupations_en.csv"), r -> {
            int isco = IscoCode.parse(r.get("iscoGroup"));
            if (r.get("conceptUri") != null && r.get("preferredLabel") != null && isco != 0) {
                Occupation o = new Occupation(r.get("conceptUri"), r.get("preferredLabel"), isco);
                rows.add(new Row(o, EscoLoader.lines(r.get("altLabels"))));
                byUri.put(o.key(), o);
            }
        });
        Map<String, String> skillLabels = new HashMap<>();
        CsvReader.forEach(esco.resolve("skills_en.csv"), r -> skillLabels.put(r.get("conceptUri"), r.get("preferredLabel")));
        Map<Occupation, List<List<String>>> skills = new HashMap<>();
        CsvReader.forEach(esco.resolve("occupationSkillRelations.csv.gz"), r -> {
            Occupation o = byUri.get(r.get("occupationUri"));
            String label = skillLabels.get(r.get("skillUri"));
            if (o != null && label != null) {
                skills.computeIfAbsent(o, k -> List.of(new ArrayList<>(), new ArrayList<>()))
                        .get("essential".equals(r.get("relationType")) ? 0 : 1).add(LabelNormaliser.normalise(label));
            }
        });
        return new EscoTitles(rows, skills);
    }
}
