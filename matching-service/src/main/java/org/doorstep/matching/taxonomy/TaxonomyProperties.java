package org.doorstep.matching.taxonomy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which taxonomy matching loads: the built-in vocabulary always, plus the full ESCO shipped in the jar
 * ({@code shipped-esco}, default true), or another ESCO release from a folder of ESCO CSVs
 * ({@code esco-folder}, {@code DOORSTEP_ESCO_FOLDER}), which then replaces the shipped one.
 */
@ConfigurationProperties("doorstep.taxonomy")
public record TaxonomyProperties(String escoFolder, @DefaultValue("true") boolean shippedEsco) {
}
