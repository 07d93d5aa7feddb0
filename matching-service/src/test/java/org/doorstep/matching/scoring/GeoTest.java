package org.doorstep.matching.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

import org.junit.jupiter.api.Test;

/** The fast arcsine agrees with the library's, so distances do too. */
class GeoTest {

    @Property(tries = 5_000)
    void theSeriesArcsineAgreesWithTheLibrary(@ForAll @DoubleRange(min = 0, max = 1) double x) {
        assertThat(Geo.asin(x)).isCloseTo(Math.asin(x), within(1e-12 + 3e-12 * Math.asin(x)));
    }

    @Property(tries = 2_000)
    void distancesAgreeWithTheLibraryArcsineToTheMillimetre(
            @ForAll @DoubleRange(min = -80, max = 80) double lat1, @ForAll @DoubleRange(min = -179, max = 179) double lon1,
            @ForAll @DoubleRange(min = -3, max = 3) double dLat, @ForAll @DoubleRange(min = -3, max = 3) double dLon) {
        double lat2 = lat1 + dLat;
        double lon2 = lon1 + dLon;
        double a = Math.pow(Math.sin(Math.toRadians(dLat) / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(Math.toRadians(dLon) / 2), 2);
        double reference = 2 * 6371.0087714 * Math.asin(Math.min(1, Math.sqrt(a)));
        assertThat(Geo.km(lat1, lon1, lat2, lon2)).isCloseTo(reference, within(1e-6));
    }

    @Test
    void knownDistance() {
        // Beijing to Shanghai, about 1,067 km: beyond the series' range, so the library path
        assertThat(Geo.km(39.9042, 116.4074, 31.2304, 121.4737)).isCloseTo(1067.3, within(1.0));
        // Chengdu city centre to Shuangliu airport, about 11.5 km in a straight line: the series path
        assertThat(Geo.km(30.5728, 104.0668, 30.5785, 103.9471)).isCloseTo(11.5, within(0.5));
    }
}
