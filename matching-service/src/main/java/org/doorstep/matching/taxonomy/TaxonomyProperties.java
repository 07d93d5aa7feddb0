package org.doorstep.matching.taxonomy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the operator keeps the full ESCO CSVs ({@code doorstep.taxonomy.esco-folder}); empty means the
 * built-in vocabulary alone.
 */
@ConfigurationProperties("doorstep.taxonomy")
public record TaxonomyProperties(String escoFolder) {
}
