package org.doorstep.matching.taxonomy;

/**
 * ESCO's reuse level of a skill: how widely it applies, hence how little sharing it says about a fit
 * (a transversal skill such as "troubleshoot" is shared across most of the labour market). The factor
 * scales the skill's evidence weight; the bands are chosen so that a transversal skill always weighs
 * less than an occupation-specific one (see {@link SkillWeights}).
 */
public enum Reuse {
    TRANSVERSAL(0.25),
    CROSS_SECTOR(0.5),
    SECTOR_SPECIFIC(0.8),
    OCCUPATION_SPECIFIC(1.0),
    /** A built-in or free-label skill ESCO does not grade. */
    UNKNOWN(0.6);

    private final double factor;

    Reuse(double factor) {
        this.factor = factor;
    }

    public double factor() {
        return factor;
    }

    static Reuse ofEsco(String level) {
        return switch (level == null ? "" : level.trim()) {
            case "transversal", "T" -> TRANSVERSAL;
            case "cross-sector", "C" -> CROSS_SECTOR;
            case "sector-specific", "S" -> SECTOR_SPECIFIC;
            case "occupation-specific", "O" -> OCCUPATION_SPECIFIC;
            default -> UNKNOWN;
        };
    }
}
