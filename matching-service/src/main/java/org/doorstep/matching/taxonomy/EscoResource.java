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
import java.util.zip.GZIPInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compact ESCO resource shipped with matching-service ({@code taxonomy/esco.tsv.gz}), built from the
 * ESCO CSVs by {@code matching-service/esco/build-esco-resource.py}. ESCO: CC BY 4.0, "ESCO, European
 * Commission" (see NOTICE).
 * <p>
 * Format (UTF-8, gzip; {@code #} lines are comments; a section starts with {@code @name<TAB>count}):
 * <pre>
 * &#64;skills       uuid  reuse(T|C|S|O|-)  tags(g green, d digital, l language, t transversal)  label  alt|alt...
 * &#64;occupations  uuid  isco  label  alt|alt...  essential skill positions (,)  optional skill positions (,)
 * &#64;related      skill position  related skill positions (,)
 * &#64;broader      skill position  broader skill positions (,)
 * </pre>
 * A skill position is the skill's line number within {@code @skills}, from 0; URIs are stored without their
 * {@code http://data.europa.eu/esco/skill/} or {@code .../occupation/} prefix.
 */
public final class EscoResource {

    public static final String DEFAULT = "taxonomy/esco.tsv.gz";
    static final String SKILL = "http://data.europa.eu/esco/skill/";
    static final String OCCUPATION = "http://data.europa.eu/esco/occupation/";

    private static final Logger log = LoggerFactory.getLogger(EscoResource.class);

    private EscoResource() {
    }

    /** Adds the resource on the classpath at {@link #DEFAULT}; false when it is absent. */
    public static boolean addDefault(TaxonomyBuilder builder) {
        InputStream in = EscoResource.class.getClassLoader().getResourceAsStream(DEFAULT);
        if (in == null) {
            return false;
        }
        try (in) {
            addTo(builder, in);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void addTo(TaxonomyBuilder builder, InputStream gzipped) throws IOException {
        long start = System.nanoTime();
        BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(gzipped, 1 << 16),
                StandardCharsets.UTF_8), 1 << 16);
        List<String> skillKeys = new ArrayList<>();
        String section = "";
        int occupations = 0;
        int relations = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("@")) {
                section = line.substring(1, line.indexOf('\t') < 0 ? line.length() : line.indexOf('\t'));
                continue;
            }
            String[] f = line.split("\t", -1);
            switch (section) {
                case "skills" -> {
                    String key = SKILL + f[0];
                    skillKeys.add(key);
                    builder.skill(key, f[3], split(f[4], "\\|"), f[2].contains("g"), f[2].contains("d"));
                    builder.reuse(key, Reuse.ofEsco(f[1]));
                }
                case "occupations" -> {
                    String key = OCCUPATION + f[0];
                    builder.occupation(key, f[2], IscoCode.parse(f[1]), split(f[3], "\\|"));
                    builder.occupationSkills(key, keys(f[4], skillKeys), keys(f[5], skillKeys));
                    occupations++;
                }
                case "related", "broader" -> {
                    String a = skillKeys.get(Integer.parseInt(f[0]));
                    for (String b : keys(f[1], skillKeys)) {
                        builder.relate(a, b);
                        relations++;
                    }
                }
                default -> throw new IllegalStateException("unknown section in the ESCO resource: " + section);
            }
        }
        log.info("ESCO resource: {} skills, {} occupations, {} skill relations in {} ms", skillKeys.size(),
                occupations, relations, (System.nanoTime() - start) / 1_000_000);
    }

    private static List<String> keys(String positions, List<String> skillKeys) {
        return split(positions, ",").stream().map(p -> skillKeys.get(Integer.parseInt(p))).toList();
    }

    private static List<String> split(String cell, String separator) {
        return cell.isEmpty() ? List.of() : Arrays.asList(cell.split(separator));
    }
}
