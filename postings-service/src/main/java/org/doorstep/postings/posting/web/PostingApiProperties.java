package org.doorstep.postings.posting.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Limits of the partner posting API. */
@Validated
@ConfigurationProperties("doorstep.postings")
public record PostingApiProperties(
        @Min(1024) int maxBodyBytes,
        @Min(1) @Max(10_000) int maxBatchLines,
        @Min(1) @Max(5_000) int batchChunkSize,
        @Min(1) @Max(1000) int maxPageSize) {
}
