package org.mailpush.presence;

/**
 * A position on Earth (WGS 84).
 *
 * @param accuracyMetres the radius within which the true position lies, as the sensor claims
 */
public record Location(double latitude, double longitude, double accuracyMetres) {
    private static final double EARTH_RADIUS_METRES = 6_371_008.8;

    public Location {
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("latitude must be within -90..90, got " + latitude);
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("longitude must be within -180..180, got " + longitude);
        }
        if (!(accuracyMetres >= 0) || Double.isInfinite(accuracyMetres)) {
            throw new IllegalArgumentException("accuracy must be a non-negative number of metres, got " + accuracyMetres);
        }
    }

    /** Great-circle distance in metres (haversine). */
    public double distanceMetres(Location other) {
        double phi1 = Math.toRadians(latitude);
        double phi2 = Math.toRadians(other.latitude);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(other.longitude - longitude);
        double h = Math.pow(Math.sin(dPhi / 2), 2) + Math.cos(phi1) * Math.cos(phi2) * Math.pow(Math.sin(dLambda / 2), 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
