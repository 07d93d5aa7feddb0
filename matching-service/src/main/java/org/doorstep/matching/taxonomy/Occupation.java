package org.doorstep.matching.taxonomy;

/** An occupation concept with its ISCO-08 unit group (four digits; 0 when unknown). */
public record Occupation(String key, String label, int isco) {

    public int minorGroup() {
        return isco / 10;
    }
}
