package org.doorstep.matching.taxonomy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in vocabulary (English and Chinese aliases) first, then full ESCO: from the operator's folder
 * of ESCO CSVs when one is configured ({@code DOORSTEP_ESCO_FOLDER}), else from the compact resource
 * shipped in the jar. A configured folder that does not exist is an error at start, not a silent
 * fallback: the operator asked for another release.
 */
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
            if (!Files.isDirectory(path)) {
                throw new IllegalStateException("doorstep.taxonomy.esco-folder (DOORSTEP_ESCO_FOLDER) is "
                        + path.toAbsolutePath() + ", which is not a folder; unset it to use the ESCO release shipped with matching-service");
            }
            EscoLoader.addTo(builder, path, null);
        } else if (properties == null || properties.shippedEsco()) {
            if (!EscoResource.addDefault(builder)) {
                log.warn("{} is missing from the classpath; matching with the built-in vocabulary only", EscoResource.DEFAULT);
            }
        }
        Taxonomy taxonomy = builder.build();
        log.info("Taxonomy: {} skills, {} occupations", taxonomy.knownSkillCount(), taxonomy.occupations().size());
        return taxonomy;
    }
}
