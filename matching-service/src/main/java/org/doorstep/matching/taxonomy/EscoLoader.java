package org.doorstep.matching.taxonomy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the ESCO v1.1 CSVs (English) from a folder: skills with alternative labels, the green and
 * digital collections as tags, skill-skill and broader relations as related skills, occupations with
 * their ISCO-08 unit group and alternative titles, reuse levels and occupation-skill relations (for skill
 * weights and occupation inference). The shipped default is the compact {@link EscoResource} built from
 * the same files; this loader serves an operator's other release ({@code DOORSTEP_ESCO_FOLDER}). ESCO data: CC BY 4.0, "ESCO, European Commission".
 */
public final class EscoLoader {

    private static final Logger log = LoggerFactory.getLogger(EscoLoader.class);

    private EscoLoader() {
    }

    /**
     * @param keepOccupationAlias which alternative occupation titles to use (occupation URI, title);
     *                            null keeps all (the quality command holds some back)
     */
    public static void addTo(TaxonomyBuilder builder, Path folder, BiPredicate<String, String> keepOccupationAlias) {
        long start = System.nanoTime();
        int[] counts = new int[4];
        Path skills = folder.resolve("skills_en.csv");
        if (Files.exists(skills)) {
            CsvReader.forEach(skills, row -> {
                String uri = row.get("conceptUri");
                String label = row.get("preferredLabel");
                if (uri == null || label == null || label.isBlank()) {
                    return;
                }
                builder.skill(uri, label, lines(row.get("altLabels")), false, false);
                builder.reuse(uri, Reuse.ofEsco(row.get("reuseLevel")));
                counts[0]++;
            });
        }
        tagAll(builder, folder.resolve("greenSkillsCollection_en.csv"), true, false);
        tagAll(builder, folder.resolve("digitalSkillsCollection_en.csv"), false, true);
        tagAll(builder, folder.resolve("digCompSkillsCollection_en.csv"), false, true);
        Path relations = folder.resolve("skillSkillRelations.csv");
        if (Files.exists(relations)) {
            CsvReader.forEach(relations, row -> {
                builder.relate(row.get("originalSkillUri"), row.get("relatedSkillUri"));
                counts[1]++;
            });
        }
        Path broader = folder.resolve("broaderRelationsSkillPillar.csv");
        if (Files.exists(broader)) {
            CsvReader.forEach(broader, row -> {
                if ("KnowledgeSkillCompetence".equals(row.get("conceptType"))
                        && "KnowledgeSkillCompetence".equals(row.get("broaderType"))) {
                    builder.relate(row.get("conceptUri"), row.get("broaderUri"));
                    counts[1]++;
                }
            });
        }
        Path occupations = folder.resolve("occupations_en.csv");
        if (Files.exists(occupations)) {
            CsvReader.forEach(occupations, row -> {
                String uri = row.get("conceptUri");
                String label = row.get("preferredLabel");
                int isco = IscoCode.parse(row.get("iscoGroup"));
                if (uri == null || label == null || isco == 0) {
                    return;
                }
                List<String> aliases = new ArrayList<>();
                for (String alias : lines(row.get("altLabels"))) {
                    if (keepOccupationAlias == null || keepOccupationAlias.test(uri, alias)) {
                        aliases.add(alias);
                    }
                }
                builder.occupation(uri, label, isco, aliases);
                counts[2]++;
                counts[3] += aliases.size();
            });
        }
        Path relationsOfOccupations = folder.resolve("occupationSkillRelations.csv.gz");
        if (Files.exists(relationsOfOccupations)) {
            java.util.Map<String, List<List<String>>> byOccupation = new java.util.LinkedHashMap<>();
            CsvReader.forEach(relationsOfOccupations, row -> {
                List<List<String>> lists = byOccupation.computeIfAbsent(row.get("occupationUri"),
                        k -> List.of(new ArrayList<>(), new ArrayList<>()));
                lists.get("essential".equals(row.get("relationType")) ? 0 : 1).add(row.get("skillUri"));
            });
            byOccupation.forEach((occupation, lists) -> builder.occupationSkills(occupation, lists.get(0), lists.get(1)));
        }
        log.info("ESCO from {}: {} skills, {} relations, {} occupations with {} alternative titles in {} ms",
                folder, counts[0], counts[1], counts[2], counts[3], (System.nanoTime() - start) / 1_000_000);
    }

    private static void tagAll(TaxonomyBuilder builder, Path file, boolean green, boolean digital) {
        if (Files.exists(file)) {
            CsvReader.forEach(file, row -> builder.tag(row.get("conceptUri"), green, digital));
        }
    }

    static List<String> lines(String cell) {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        return Arrays.stream(cell.split("\n")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
