package org.doorstep.matching.taxonomy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The built-in vocabulary, plus ESCO when a folder is configured and present. */
public final class TaxonomyLoader {

    private static final Logger log = LoggerFactory.getLogger(TaxonomyLoader.class);

    private TaxonomyLoader() {
    }

    public static Taxonomy load(TaxonomyProperties properties) {
        TaxonomyBuilder builder = new TaxonomyBuilder();
        BuiltInVocabulary.addTo(builder);
        String folder = properties == null ? null : properties.escoFolder();
        if (folder != null && !folder.isBlank()) {
            Path path = Path.of(folder);
            if (Files.isDirectory(path)) {
                EscoLoader.addTo(builder, path, null);
            } else {
                log.warn("ESCO folder {} not found; matching with the built-in vocabulary only", path.toAbsolutePath());
            }
        }
        Taxonomy taxonomy = builder.build();
        log.info("Taxonomy: {} skills, {} occupations", taxonomy.knownSkillCount(), taxonomy.occupations().size());
        return taxonomy;
    }
}
