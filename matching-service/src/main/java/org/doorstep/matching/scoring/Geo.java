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
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
