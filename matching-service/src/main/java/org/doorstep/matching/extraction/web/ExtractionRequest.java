package org.doorstep.matching.extraction.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A text to find skills and occupations in: a resume, an "about me", a posting's description. */
record ExtractionRequest(
        @Schema(description = "English or Chinese text, at most 50,000 characters", example =
                "Java developer with 5 years of Spring Boot, SQL and Kubernetes; 熟悉Python开发")
        @NotBlank(message = "text must not be blank") @Size(max = ExtractionRequest.MAX_TEXT,
                message = "text must be at most {max} characters") String text,
        @Schema(description = "how many skills and how many occupations to return at most (default 30)")
        @Min(value = 1, message = "limit must be at least 1") @Max(value = 100, message = "limit must be at most 100")
        Integer limit) {

    static final int MAX_TEXT = 50_000;

    int limitOrDefault() {
        return limit == null ? 30 : limit;
    }
}
