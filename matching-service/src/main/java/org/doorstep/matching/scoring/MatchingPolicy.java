package org.doorstep.matching.scoring;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How matching decides, from configuration ({@code doorstep.matching.*}): the threshold and top K of
 * emission, the vetoes' tolerances, the partial credit of a related skill, and the relative weights of
 * the factors (see MatchScorer; only the factors known on both sides count). There is no floor: a pair
 * scores what its evidence says, so that a threshold means the same for every posting.
 */
@Validated
@ConfigurationProperties("doorstep.matching")
public record MatchingPolicy(
        @DefaultValue("0.3") @DecimalMin("0") @DecimalMax("1") double threshold,
        @DefaultValue("200") @Min(1) int topK,
        @DefaultValue("0.1") @DecimalMin("0") double materialChange,
        @DefaultValue("25") @DecimalMin("0") double defaultMaxDistanceKm,
        @DefaultValue("1") @Min(0) int educationTolerance,
        @DefaultValue("1") @DecimalMin("0") double experienceToleranceYears,
        @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double relatedSkillCredit,
        @DefaultValue("30") @DecimalMin("0.1") double freshnessHalfLifeDays,
        @DefaultValue("0.1") @DecimalMin("0") double keyGroupBonus,
        @DefaultValue("0.05") @DecimalMin("0") double priorityBonus,
        @DefaultValue @Valid Weights weights) {

    /** Relative weights of the factors; only the factors known on both sides count (see MatchScorer). */
    public record Weights(
            @DefaultValue("0.3") @DecimalMin("0") double occupation,
            @DefaultValue("0.4") @DecimalMin("0") double skills,
            @DefaultValue("0.05") @DecimalMin("0") double profileFit,
            @DefaultValue("0.2") @DecimalMin("0") double distance,
            @DefaultValue("0.08") @DecimalMin("0") double salary,
            @DefaultValue("0.07") @DecimalMin("0") double experience,
            @DefaultValue("0.05") @DecimalMin("0") double freshness) {
    }

    /** The defaults above, for code that runs without Spring (tests, benchmark, quality command). */
    public static MatchingPolicy defaults() {
        return new MatchingPolicy(0.3, 200, 0.1, 25, 1, 1, 0.5, 30, 0.1, 0.05,
                new Weights(0.3, 0.4, 0.05, 0.2, 0.08, 0.07, 0.05));
    }

    public double maxDistanceOf(Seeker seeker) {
        return Float.isNaN(seeker.maxDistanceKm()) ? defaultMaxDistanceKm : seeker.maxDistanceKm();
    }
}
