package org.doorstep.matching.scoring;

import java.util.Map;

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
 * scores what its evidence says, so that a threshold means the same for every posting. {@code currencyRates}: what
 * one unit of each currency is worth in a common reference currency (CNY by default), to compare a posting's pay
 * with a seeker's minimum in another currency; a currency not listed is compared with its own currency only.
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
        @DefaultValue @Valid Weights weights,
        Map<String, Double> currencyRates) {

    /**
     * Reference rates in CNY per unit. An operator sets the day's rates in {@code doorstep.matching.currency-rates}
     * (e.g. {@code DOORSTEP_MATCHING_CURRENCYRATES_USD=7.1}); those replace these, currency by currency.
     */
    public static final Map<String, Double> REFERENCE_RATES = Map.ofEntries(Map.entry("CNY", 1.0),
            Map.entry("USD", 7.1), Map.entry("EUR", 7.8), Map.entry("GBP", 9.1), Map.entry("HKD", 0.91),
            Map.entry("MOP", 0.88), Map.entry("TWD", 0.22), Map.entry("JPY", 0.047), Map.entry("KRW", 0.0051),
            Map.entry("SGD", 5.3), Map.entry("AUD", 4.6), Map.entry("CAD", 5.1), Map.entry("CHF", 8.3));

    public MatchingPolicy {
        Map<String, Double> rates = new java.util.HashMap<>(REFERENCE_RATES);
        if (currencyRates != null) {
            currencyRates.forEach((currency, rate) -> rates.put(currency.toUpperCase(java.util.Locale.ROOT), rate));
        }
        currencyRates = Map.copyOf(rates);
    }

    /** {@code amount} of {@code from} in {@code to}; NaN when either currency has no rate (and they differ). */
    public double convert(double amount, String from, String to) {
        if (from.equals(to)) {
            return amount;
        }
        Double fromRate = currencyRates.get(from);
        Double toRate = currencyRates.get(to);
        return fromRate == null || toRate == null || toRate <= 0 ? Double.NaN : amount * fromRate / toRate;
    }

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
                new Weights(0.3, 0.4, 0.05, 0.2, 0.08, 0.07, 0.05), null);
    }

    public double maxDistanceOf(Seeker seeker) {
        return Float.isNaN(seeker.maxDistanceKm()) ? defaultMaxDistanceKm : seeker.maxDistanceKm();
    }
}
