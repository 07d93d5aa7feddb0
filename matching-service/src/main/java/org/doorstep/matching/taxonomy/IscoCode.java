package org.doorstep.matching.taxonomy;

/** ISCO-08 codes as numbers: 2512 is unit group, 251 minor, 25 sub-major, 2 major. */
public final class IscoCode {

    private IscoCode() {
    }

    /** The unit group of a code of up to four digits ("2512", "2512.1"), or 0. */
    public static int parse(String text) {
        if (text == null) {
            return 0;
        }
        String t = text.trim();
        int end = 0;
        while (end < t.length() && Character.isDigit(t.charAt(end)) && end < 4) {
            end++;
        }
        if (end != 4 || (t.length() > 4 && t.charAt(4) != '.')) {
            return 0;
        }
        return Integer.parseInt(t.substring(0, 4));
    }

    /**
     * Hierarchy similarity: same unit group 1.0, same minor group 0.7, same sub-major 0.4, same major
     * 0.2, else 0 (DESIGN 6).
     */
    public static double similarity(int a, int b) {
        if (a <= 0 || b <= 0) {
            return 0;
        }
        if (a == b) {
            return 1.0;
        }
        if (a / 10 == b / 10) {
            return 0.7;
        }
        if (a / 100 == b / 100) {
            return 0.4;
        }
        if (a / 1000 == b / 1000) {
            return 0.2;
        }
        return 0;
    }
}
