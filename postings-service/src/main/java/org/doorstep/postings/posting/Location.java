package org.doorstep.postings.posting;

public record Location(double lat, double lon, String regionCode, String address) {
}
