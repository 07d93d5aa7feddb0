package org.doorstep.matching.taxonomy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The vocabulary written in this project ({@code taxonomy/skills.tsv}, {@code taxonomy/occupations.tsv}
 * on the classpath): common skills and occupations with English and Chinese aliases, ISCO-08 codes and
 * green/digital/silver tags. Matching works with it alone; ESCO adds to it.
 * <p>
 * skills.tsv: {@code key, label, aliases (|), tags (green, digital, silver), related keys (|)};
 * occupations.tsv: {@code isco, label, aliases (|)}. Lines starting with # are comments.
 */
public final class BuiltInVocabulary {

    private BuiltInVocabulary() {
    }

    public static void addTo(TaxonomyBuilder builder) {
        List<String[]> relations = new ArrayList<>();
        for (String[] row : rows("taxonomy/skills.tsv")) {
            String tags = column(row, 3);
            builder.skill(row[0], row[1], list(column(row, 2)), tags.contains("green"), tags.contains("digital"));
            if (tags.contains("silver")) {
                builder.silver(row[0]);
            }
            for (String other : list(column(row, 4))) {
                relations.add(new String[] {row[0], other});
            }
        }
        relations.forEach(r -> builder.relate(r[0], r[1]));
        for (String[] row : rows("taxonomy/occupations.tsv")) {
            builder.builtInOccupation("isco:" + row[0] + ":" + LabelNormaliser.normalise(row[1]).replace(' ', '-'),
                    row[1], Integer.parseInt(row[0]), list(column(row, 2)));
        }
    }

    public static Taxonomy load() {
        TaxonomyBuilder builder = new TaxonomyBuilder();
        addTo(builder);
        return builder.build();
    }

    private static String column(String[] row, int i) {
        return row.length > i ? row[i].trim() : "";
    }

    private static List<String> list(String cell) {
        if (cell.isBlank()) {
            return List.of();
        }
        return Arrays.stream(cell.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String[]> rows(String resource) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = BuiltInVocabulary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in vocabulary missing: " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                rows.add(line.split("\t", -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
