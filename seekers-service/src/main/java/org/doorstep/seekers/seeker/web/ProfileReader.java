package org.doorstep.seekers.seeker.web;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.doorstep.seekers.seeker.NotificationPreferences;
import org.doorstep.seekers.seeker.NotificationPreferences.Channel;
import org.doorstep.seekers.seeker.NotificationPreferences.Digest;
import org.doorstep.seekers.seeker.NotificationPreferences.DigestMode;
import org.doorstep.seekers.seeker.NotificationPreferences.QuietHours;
import org.doorstep.seekers.seeker.Profile;
import org.doorstep.seekers.seeker.Profile.AccommodationNeed;
import org.doorstep.seekers.seeker.Profile.ConsentChoices;
import org.doorstep.seekers.seeker.Profile.Contact;
import org.doorstep.seekers.seeker.Profile.Education;
import org.doorstep.seekers.seeker.Profile.EmploymentType;
import org.doorstep.seekers.seeker.Profile.KeyGroup;
import org.doorstep.seekers.seeker.Profile.Location;
import org.doorstep.seekers.seeker.Profile.SalaryExpectation;
import org.doorstep.seekers.seeker.Profile.SalaryPeriod;
import org.doorstep.seekers.seeker.Profile.Skill;
import org.doorstep.seekers.seeker.Profile.SkillLevel;
import org.doorstep.seekers.seeker.ProfileRejected;
import org.doorstep.seekers.seeker.Violation;
import tools.jackson.databind.JsonNode;

/**
 * Reads a profile from a JSON tree, checking every rule and collecting every violation (not just the first),
 * so one 400 names all of them. Unknown properties are violations, at any depth. A {@code null} value means
 * "not given". Read-only properties that GET returns ({@code seekerId}, {@code version}, ...) are ignored so a
 * client can send back what it read.
 */
final class ProfileReader {

    static final Set<String> READ_ONLY = Set.of("seekerId", "version", "createdAt", "updatedAt", "consentRecords");
    static final Set<String> FIELDS = Set.of("displayName", "contact", "location", "maxDistanceKm", "remoteOk",
            "desiredOccupations", "skills", "education", "experienceYears", "salaryExpectation", "employmentTypes",
            "languages", "licences", "keyGroups", "accommodationNeeds", "consent", "notifications");

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 ()-]{4,24}$");
    private static final Pattern REGION = Pattern.compile("^[0-9A-Za-z-]{1,20}$");
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$");
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
    private static final Pattern LOCAL_TIME = Pattern.compile("^([01][0-9]|2[0-3]):[0-5][0-9]$");
    private static final Pattern URI = Pattern.compile("^https?://[^\\s]{1,300}$");
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private final List<Violation> violations = new ArrayList<>();

    private ProfileReader() {
    }

    /** The profile the tree describes, or {@link ProfileRejected} listing every violation. */
    static Profile read(JsonNode root) {
        ProfileReader reader = new ProfileReader();
        Profile profile = reader.profile(root);
        if (!reader.violations.isEmpty()) {
            throw new ProfileRejected(reader.violations);
        }
        return profile;
    }

    private Profile profile(JsonNode root) {
        if (root == null || !root.isObject()) {
            violations.add(new Violation("", "must be a JSON object"));
            return null;
        }
        Set<String> allowed = new HashSet<>(FIELDS);
        allowed.addAll(READ_ONLY);
        unknown(root, "", allowed);
        return new Profile(
                string(root.get("displayName"), "displayName", 100, null),
                contact(root.get("contact")),
                location(root.get("location")),
                number(root.get("maxDistanceKm"), "maxDistanceKm", 0, 20_000),
                bool(root.get("remoteOk"), "remoteOk"),
                list(root.get("desiredOccupations"), "desiredOccupations", 20,
                        (node, path) -> string(node, path, 200, null)),
                list(root.get("skills"), "skills", 100, this::skill),
                enumeration(root.get("education"), "education", Education.class),
                number(root.get("experienceYears"), "experienceYears", 0, 80),
                salary(root.get("salaryExpectation")),
                list(root.get("employmentTypes"), "employmentTypes", 5,
                        (node, path) -> enumeration(node, path, EmploymentType.class)),
                list(root.get("languages"), "languages", 20, (node, path) -> string(node, path, 35, LANGUAGE)),
                list(root.get("licences"), "licences", 20, this::licence),
                list(root.get("keyGroups"), "keyGroups", 6, (node, path) -> enumeration(node, path, KeyGroup.class)),
                list(root.get("accommodationNeeds"), "accommodationNeeds", 6,
                        (node, path) -> enumeration(node, path, AccommodationNeed.class)),
                consent(root.get("consent")),
                notifications(root.get("notifications")));
    }

    private Contact contact(JsonNode node) {
        if (!object(node, "contact", Set.of("email", "phone"))) {
            return null;
        }
        Contact contact = new Contact(string(node.get("email"), "contact.email", 254, EMAIL),
                string(node.get("phone"), "contact.phone", 25, PHONE));
        return contact.email() == null && contact.phone() == null ? null : contact;
    }

    private Location location(JsonNode node) {
        if (!object(node, "location", Set.of("lat", "lon", "regionCode"))) {
            return null;
        }
        Double lat = required(number(node.get("lat"), "location.lat", -90, 90), node.get("lat"), "location.lat");
        Double lon = required(number(node.get("lon"), "location.lon", -180, 180), node.get("lon"), "location.lon");
        String region = string(node.get("regionCode"), "location.regionCode", 20, REGION);
        return lat == null || lon == null ? null : new Location(lat, lon, region);
    }

    /** A licence or certificate the seeker holds, by name ("forklift licence"), as postings name the ones they require. */
    private String licence(JsonNode node, String path) {
        if (!present(node)) {
            violations.add(new Violation(path, "must not be null"));
            return null;
        }
        return string(node, path, 100, null);
    }

    private Skill skill(JsonNode node, String path) {
        if (!present(node)) {
            violations.add(new Violation(path, "must not be null"));
            return null;
        }
        if (!object(node, path, Set.of("label", "escoUri", "level"))) {
            return null;
        }
        String label = string(node.get("label"), path + ".label", 100, null);
        String escoUri = string(node.get("escoUri"), path + ".escoUri", 300, URI);
        SkillLevel level = enumeration(node.get("level"), path + ".level", SkillLevel.class);
        if (label == null && escoUri == null && !present(node.get("label")) && !present(node.get("escoUri"))) {
            violations.add(new Violation(path, "needs a label or an escoUri"));
        }
        return new Skill(label, escoUri, level);
    }

    private SalaryExpectation salary(JsonNode node) {
        if (!object(node, "salaryExpectation", Set.of("min", "currency", "period"))) {
            return null;
        }
        Double min = required(number(node.get("min"), "salaryExpectation.min", 0, 1e9), node.get("min"),
                "salaryExpectation.min");
        String currency = required(string(node.get("currency"), "salaryExpectation.currency", 3, CURRENCY),
                node.get("currency"), "salaryExpectation.currency");
        SalaryPeriod period = required(enumeration(node.get("period"), "salaryExpectation.period", SalaryPeriod.class),
                node.get("period"), "salaryExpectation.period");
        return min == null || currency == null || period == null ? null : new SalaryExpectation(min, currency, period);
    }

    private ConsentChoices consent(JsonNode node) {
        if (!object(node, "consent", Set.of("keyGroups", "shareWithPartners"))) {
            return ConsentChoices.NONE;
        }
        return new ConsentChoices(bool(node.get("keyGroups"), "consent.keyGroups"),
                bool(node.get("shareWithPartners"), "consent.shareWithPartners"));
    }

    private NotificationPreferences notifications(JsonNode node) {
        if (!object(node, "notifications",
                Set.of("channels", "quietHours", "maxPerDay", "digest", "minScore", "pushToken"))) {
            return NotificationPreferences.DEFAULT;
        }
        List<Channel> channels = present(node.get("channels"))
                ? list(node.get("channels"), "notifications.channels", 3,
                        (item, path) -> enumeration(item, path, Channel.class))
                : NotificationPreferences.DEFAULT_CHANNELS;
        Double maxPerDay = integer(node.get("maxPerDay"), "notifications.maxPerDay", 0, 1000);
        Double minScore = number(node.get("minScore"), "notifications.minScore", 0, 1);
        return new NotificationPreferences(channels, quietHours(node.get("quietHours")),
                maxPerDay == null ? null : maxPerDay.intValue(), digest(node.get("digest")),
                minScore == null ? NotificationPreferences.DEFAULT.minScore() : minScore,
                string(node.get("pushToken"), "notifications.pushToken", 4096, null));
    }

    private QuietHours quietHours(JsonNode node) {
        String path = "notifications.quietHours";
        if (!object(node, path, Set.of("start", "end", "zone"))) {
            return null;
        }
        String start = required(string(node.get("start"), path + ".start", 5, LOCAL_TIME), node.get("start"), path + ".start");
        String end = required(string(node.get("end"), path + ".end", 5, LOCAL_TIME), node.get("end"), path + ".end");
        String zone = required(zone(node.get("zone"), path + ".zone"), node.get("zone"), path + ".zone");
        if (start != null && start.equals(end)) {
            violations.add(new Violation(path + ".end", "must differ from start"));
        }
        return start == null || end == null || zone == null ? null : new QuietHours(start, end, zone);
    }

    private Digest digest(JsonNode node) {
        String path = "notifications.digest";
        if (!object(node, path, Set.of("mode", "at", "zone"))) {
            return Digest.NONE;
        }
        DigestMode mode = required(enumeration(node.get("mode"), path + ".mode", DigestMode.class), node.get("mode"),
                path + ".mode");
        String at = string(node.get("at"), path + ".at", 5, LOCAL_TIME);
        String zone = zone(node.get("zone"), path + ".zone");
        if (mode == DigestMode.DAILY) {
            required(at, node.get("at"), path + ".at");
            required(zone, node.get("zone"), path + ".zone");
        } else if (mode == DigestMode.NONE) {
            if (present(node.get("at"))) {
                violations.add(new Violation(path + ".at", "only with mode DAILY"));
            }
            if (present(node.get("zone"))) {
                violations.add(new Violation(path + ".zone", "only with mode DAILY"));
            }
        }
        return mode == null ? Digest.NONE : mode == DigestMode.NONE ? Digest.NONE : new Digest(mode, at, zone);
    }

    // ---- building blocks ----

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    /** True when {@code node} is an object to read (absent/null gives false without a violation). */
    private boolean object(JsonNode node, String path, Set<String> allowed) {
        if (!present(node)) {
            return false;
        }
        if (!node.isObject()) {
            violations.add(new Violation(path, "must be an object"));
            return false;
        }
        unknown(node, path, allowed);
        return true;
    }

    private void unknown(JsonNode node, String path, Set<String> allowed) {
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                violations.add(new Violation(path.isEmpty() ? name : path + "." + name, "unknown property"));
            }
        }
    }

    private <T> T required(T value, JsonNode node, String path) {
        if (value == null && !present(node)) {
            violations.add(new Violation(path, "is required"));
        }
        return value;
    }

    private String string(JsonNode node, String path, int maxLength, Pattern pattern) {
        if (!present(node)) {
            return null;
        }
        if (!node.isString()) {
            violations.add(new Violation(path, "must be a string"));
            return null;
        }
        String value = node.stringValue().strip();
        if (value.isEmpty()) {
            violations.add(new Violation(path, "must not be blank"));
            return null;
        }
        if (value.length() > maxLength) {
            violations.add(new Violation(path, "must be at most " + maxLength + " characters"));
            return null;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            violations.add(new Violation(path, "must not contain control characters"));
            return null;
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            violations.add(new Violation(path, "must match " + pattern.pattern()));
            return null;
        }
        return value;
    }

    private String zone(JsonNode node, String path) {
        String zone = string(node, path, 64, null);
        if (zone != null && !ZONES.contains(zone)) {
            violations.add(new Violation(path, "must be an IANA time zone such as Asia/Shanghai"));
            return null;
        }
        return zone;
    }

    private Double number(JsonNode node, String path, double min, double max) {
        if (!present(node)) {
            return null;
        }
        if (!node.isNumber()) {
            violations.add(new Violation(path, "must be a number"));
            return null;
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value) || value < min || value > max) {
            violations.add(new Violation(path, "must be between " + plain(min) + " and " + plain(max)));
            return null;
        }
        return value;
    }

    private Double integer(JsonNode node, String path, int min, int max) {
        if (present(node) && (!node.isNumber() || !node.canConvertToExactIntegral())) {
            violations.add(new Violation(path, "must be an integer"));
            return null;
        }
        return number(node, path, min, max);
    }

    private boolean bool(JsonNode node, String path) {
        if (!present(node)) {
            return false;
        }
        if (!node.isBoolean()) {
            violations.add(new Violation(path, "must be true or false"));
            return false;
        }
        return node.booleanValue();
    }

    private <E extends Enum<E>> E enumeration(JsonNode node, String path, Class<E> type) {
        if (!present(node)) {
            return null;
        }
        Map<String, E> values = Arrays.stream(type.getEnumConstants())
                .collect(Collectors.toMap(Enum::name, e -> e));
        if (!node.isString() || !values.containsKey(node.stringValue())) {
            violations.add(new Violation(path, "must be one of " + values.keySet().stream().sorted().toList()));
            return null;
        }
        return values.get(node.stringValue());
    }

    private <T> List<T> list(JsonNode node, String path, int maxItems, BiFunction<JsonNode, String, T> item) {
        if (!present(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            violations.add(new Violation(path, "must be an array"));
            return List.of();
        }
        if (node.size() > maxItems) {
            violations.add(new Violation(path, "must have at most " + maxItems + " items"));
            return List.of();
        }
        Set<T> seen = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String itemPath = path + "[" + i + "]";
            JsonNode element = node.get(i);
            if (!present(element)) {
                violations.add(new Violation(itemPath, "must not be null"));
                continue;
            }
            T value = item.apply(element, itemPath);
            if (value != null && !seen.add(value)) {
                violations.add(new Violation(itemPath, "duplicate value"));
            }
        }
        return List.copyOf(seen);
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
