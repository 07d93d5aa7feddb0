package org.doorstep.matching.scoring;

/** Great-circle distance on a spherical earth (the same radius Lucene's geo queries use). */
public final class Geo {

    private static final double EARTH_RADIUS_KM = 6371.0087714;

    private Geo() {
    }

    /** The distance between two latitudes: never more than the great-circle distance of any two points on them. */
    public static double kmAlongMeridian(double lat1, double lat2) {
        return EARTH_RADIUS_KM * Math.toRadians(Math.abs(lat2 - lat1));
    }

    public static double km(double lat1, double lon1, double lat2, double lon2) {
        return km(lat1, cosLat(lat1), lon1, lat2, lon2);
    }

    /** The cosine of a latitude, for {@link #km(double, double, double, double, double)}. */
    public static double cosLat(double lat) {
        return Math.cos(Math.toRadians(lat));
    }

    /** The same distance, the first point's {@link #cosLat} computed once by a caller measuring from it many times. */
    public static double km(double lat1, double cosLat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + cosLat1 * cosLat(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * asin(Math.min(1, Math.sqrt(a)));
    }

    /**
     * {@link Math#asin}, by its Taylor series below 0.1 (points less than about 1,270 km apart: nearly
     * every pair the matcher measures), where the terms up to x^9 leave a relative error below 3e-12,
     * a few micrometres; the library function costs several times more.
     */
    static double asin(double x) {
        if (x >= 0.1) {
            return Math.asin(x);
        }
        double x2 = x * x;
        return x * (1 + x2 * (1.0 / 6 + x2 * (3.0 / 40 + x2 * (15.0 / 336 + x2 * (105.0 / 3456)))));
    }
}
