package org.doorstep.postings.posting.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.doorstep.postings.posting.Accommodation;
import org.doorstep.postings.posting.Education;
import org.doorstep.postings.posting.Employer;
import org.doorstep.postings.posting.EmploymentType;
import org.doorstep.postings.posting.Location;
import org.doorstep.postings.posting.PostingContent;
import org.doorstep.postings.posting.Salary;
import org.doorstep.postings.posting.SalaryPeriod;
import org.doorstep.postings.posting.Skill;
import org.doorstep.postings.posting.TargetGroup;
import org.doorstep.postings.posting.Workplace;
import org.doorstep.postings.problem.Violation;
import org.doorstep.postings.web.PrintableText;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a posting body strictly and checks every rule of DESIGN 5 at once, so one answer lists every
 * violation (JSON path and reason). Unknown properties are rejected by name; nothing is coerced.
 */
final class PostingParser {

    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 20_000;
    static final int MAX_SKILLS = 50;
    static final int MAX_VACANCIES = 10_000;
    static final int MAX_LIST = 20;
    static final int MAX_LICENCE = 100;

    private static final Set<String> FIELDS = Set.of("externalId", "title", "description", "occupation", "skills",
            "location", "workplace", "employmentType", "salary", "vacancies", "education", "minExperienceYears",
            "targetGroups", "accommodations", "campaignCodes", "validThrough", "languages",
            "requiredLicences", "employer");
    private static final Set<String> READ_ONLY = Set.of("postingId", "partnerId", "version", "status", "updatedAt",
            "closedReason");
    private static final Set<String> SKILL_FIELDS = Set.of("label", "escoUri", "required");
    private static final Set<String> LOCATION_FIELDS = Set.of("lat", "lon", "regionCode", "address");
    private static final Set<String> SALARY_FIELDS = Set.of("min", "max", "currency", "period");
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());
    private static final Pattern EXTERNAL_ID = Pattern.compile("[^\\s/?#%\\\\]{1,200}");
    private static final Pattern ISCO = Pattern.compile("\\d{1,4}");
    private static final Pattern URI = Pattern.compile("https?://[^\\s]{1,300}");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9-]{1,20}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");
    private static final Pattern CAMPAIGN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final double MAX_SALARY = 1e12;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The content if valid, else null; every violation found; the campaign codes named (to be checked). */
    record Parsed(PostingContent content, List<Violation> violations, List<String> campaignCodes) {
    }

    private PostingParser() {
    }

    static List<Violation> checkExternalId(String externalId) {
        if (externalId == null || !EXTERNAL_ID.matcher(externalId).matches()) {
            return List.of(new Violation("externalId",
                    "must be 1 to 200 characters without whitespace, '/', '?', '#', '%' or '\\'"));
        }
        String unprintable = PrintableText.identifierProblem(externalId);
        return unprintable == null ? List.of() : List.of(new Violation("externalId", unprintable));
    }

    static Parsed parse(byte[] body, String externalId, Instant now) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            return invalid("$", "malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            return invalid("$", "must be a JSON object");
        }
        return new Reader(now).read(root, externalId);
    }

    /** One line of a batch: a posting that names its own {@code externalId}. */
    record Line(String externalId, Parsed parsed) {
    }

    static Line parseLine(byte[] line, Instant now) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JacksonException e) {
            return new Line(null, invalid("$", "malformed JSON: " + e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            return new Line(null, invalid("$", "must be a JSON object"));
        }
        JsonNode id = root.get("externalId");
        if (id == null || !id.isString()) {
            return new Line(null, invalid("externalId", "is required in every line of a batch"));
        }
        return new Line(id.stringValue(), new Reader(now).read(root, id.stringValue()));
    }

    private static Parsed invalid(String field, String reason) {
        return new Parsed(null, List.of(new Violation(field, reason)), List.of());
    }

    /** One pass over a body, collecting violations. */
    private static final class Reader {

        private final Instant now;
        private final List<Violation> errors = new ArrayList<>();

        Reader(Instant now) {
            this.now = now;
        }

        Parsed read(JsonNode root, String externalId) {
            errors.addAll(checkExternalId(externalId));
            unknown(root, "", FIELDS);
            JsonNode bodyId = root.get("externalId");
            if (bodyId != null && !bodyId.isNull() && !(bodyId.isString() && bodyId.stringValue().equals(externalId))) {
                error("externalId", "must be the same as in the path");
            }
            String title = string(root, "title", true, MAX_TITLE, null);
            String description = text(root, "description", false, MAX_DESCRIPTION, null, true);
            String occupation = string(root, "occupation", false, 300, null);
            if (occupation != null && !ISCO.matcher(occupation).matches() && !URI.matcher(occupation).matches()) {
                error("occupation", "must be an ISCO-08 code (1 to 4 digits) or an ESCO URI");
            }
            List<Skill> skills = skills(root.get("skills"));
            Location location = location(root.get("location"));
            Workplace workplace = enumValue(root, "workplace", Workplace.class, true);
            EmploymentType employmentType = enumValue(root, "employmentType", EmploymentType.class, true);
            Salary salary = salary(root.get("salary"));
            Integer vacancies = integer(root.get("vacancies"), "vacancies", 1, MAX_VACANCIES);
            Education education = enumValue(root, "education", Education.class, false);
            Double minExperience = number(root.get("minExperienceYears"), "minExperienceYears", 0, 80, false);
            List<TargetGroup> targetGroups = list(root.get("targetGroups"), "targetGroups", MAX_LIST,
                    (n, p) -> enumOf(n, p, TargetGroup.class));
            List<Accommodation> accommodations = list(root.get("accommodations"), "accommodations", MAX_LIST,
                    (n, p) -> enumOf(n, p, Accommodation.class));
            List<String> campaignCodes = list(root.get("campaignCodes"), "campaignCodes", MAX_LIST,
                    (n, p) -> patterned(n, p, CAMPAIGN, "must be a campaign code (letters, digits, '-', '_')"));
            Instant validThrough = validThrough(root.get("validThrough"));
            List<String> languages = list(root.get("languages"), "languages", MAX_LIST,
                    (n, p) -> patterned(n, p, LANGUAGE, "must be a language tag such as 'zh' or 'en-GB'"));
            List<String> licences = list(root.get("requiredLicences"), "requiredLicences", MAX_LIST, this::licence);
            Employer employer = employer(root.get("employer"));
            if (!errors.isEmpty()) {
                return new Parsed(null, List.copyOf(errors), campaignCodes == null ? List.of() : campaignCodes);
            }
            PostingContent content = new PostingContent(title, description, occupation, skills, location, workplace,
                    employmentType, salary, vacancies == null ? 1 : vacancies, education, minExperience,
                    targetGroups, accommodations, campaignCodes, validThrough, languages,
                    licences == null ? List.of() : licences, employer);
            return new Parsed(content, List.of(), campaignCodes);
        }

        /** {@code {"name": ...}}: a single line of up to 200 printable characters; null when absent. */
        private Employer employer(JsonNode node) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                error("employer", "must be an object {name}");
                return null;
            }
            unknown(node, "employer.", Set.of("name"));
            String name = string(node, "name", true, 200, "employer.");
            if (name != null && name.isBlank()) {
                error("employer.name", "must not be blank");
                return null;
            }
            return name == null ? null : new Employer(name.strip());
        }

        private void unknown(JsonNode object, String prefix, Set<String> known) {
            for (String name : object.propertyNames()) {
                if (!known.contains(name)) {
                    error(prefix + name, prefix.isEmpty() && READ_ONLY.contains(name)
                            ? "read-only property; set by the service" : "unknown property");
                }
            }
        }

        /** A single-line string: control and format characters refused (a tab is fine). */
        private String string(JsonNode parent, String name, boolean required, int max, String prefix) {
            return text(parent, name, required, max, prefix, false);
        }

        /** A string whose characters print ({@link PrintableText}); {@code lines}: line breaks allowed. */
        private String text(JsonNode parent, String name, boolean required, int max, String prefix, boolean lines) {
            String path = prefix == null ? name : prefix + name;
            JsonNode node = parent.get(name);
            if (node == null || node.isNull()) {
                if (required) {
                    error(path, "is required");
                }
                return null;
            }
            if (!node.isString()) {
                error(path, "must be a string");
                return null;
            }
            String value = node.stringValue();
            if (value.isBlank()) {
                error(path, "must not be blank");
                return null;
            }
            if (value.codePointCount(0, value.length()) > max) {
                error(path, "must be at most " + max + " characters");
                return null;
            }
            String unprintable = PrintableText.textProblem(value, lines);
            if (unprintable != null) {
                error(path, unprintable);
                return null;
            }
            return value;
        }

        private List<Skill> skills(JsonNode node) {
            return list(node, "skills", MAX_SKILLS, (item, path) -> {
                if (!item.isObject()) {
                    error(path, "must be an object {label|escoUri, required}");
                    return null;
                }
                String prefix = path + ".";
                unknown(item, prefix, SKILL_FIELDS);
                String label = string(item, "label", false, 100, prefix);
                String escoUri = string(item, "escoUri", false, 300, prefix);
                if (escoUri != null && !URI.matcher(escoUri).matches()) {
                    error(prefix + "escoUri", "must be an http(s) URI");
                }
                if (label == null && escoUri == null && !has(item, "label") && !has(item, "escoUri")) {
                    error(path, "needs a label or an escoUri");
                }
                boolean required = false;
                JsonNode req = item.get("required");
                if (req != null && !req.isNull()) {
                    if (req.isBoolean()) {
                        required = req.booleanValue();
                    } else {
                        error(prefix + "required", "must be true or false");
                    }
                }
                return new Skill(label, escoUri, required);
            });
        }

        private Location location(JsonNode node) {
            if (node == null || node.isNull()) {
                error("location", "is required");
                return null;
            }
            if (!node.isObject()) {
                error("location", "must be an object {lat, lon, regionCode, address}");
                return null;
            }
            unknown(node, "location.", LOCATION_FIELDS);
            Double lat = number(node.get("lat"), "location.lat", -90, 90, true);
            Double lon = number(node.get("lon"), "location.lon", -180, 180, true);
            String region = string(node, "regionCode", false, 20, "location.");
            if (region != null && !REGION.matcher(region).matches()) {
                error("location.regionCode", "must be letters, digits or '-'");
            }
            String address = string(node, "address", false, 500, "location.");
            return lat == null || lon == null ? null : new Location(lat, lon, region, address);
        }

        private Salary salary(JsonNode node) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                error("salary", "must be an object {min, max, currency, period}");
                return null;
            }
            unknown(node, "salary.", SALARY_FIELDS);
            Double min = number(node.get("min"), "salary.min", 0, MAX_SALARY, true);
            Double max = number(node.get("max"), "salary.max", 0, MAX_SALARY, true);
            if (min != null && max != null && min > max) {
                error("salary.min", "must not be greater than salary.max");
            }
            String currency = string(node, "currency", true, 3, "salary.");
            if (currency != null && !CURRENCIES.contains(currency)) {
                error("salary.currency", "must be an ISO 4217 currency code such as CNY or EUR");
            }
            SalaryPeriod period = enumValue(node, "period", SalaryPeriod.class, true, "salary.");
            return new Salary(min == null ? 0 : min, max == null ? 0 : max, currency, period);
        }

        private Instant validThrough(JsonNode node) {
            if (node == null || node.isNull()) {
                error("validThrough", "is required");
                return null;
            }
            if (!node.isString()) {
                error("validThrough", "must be an ISO-8601 date-time string with offset, e.g. 2027-03-31T23:59:59Z");
                return null;
            }
            Instant value;
            try {
                value = OffsetDateTime.parse(node.stringValue()).toInstant().truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException e) {
                error("validThrough", "must be an ISO-8601 date-time with offset, e.g. 2027-03-31T23:59:59Z");
                return null;
            }
            if (!value.isAfter(now)) {
                error("validThrough", "must be in the future");
                return null;
            }
            if (value.isAfter(now.atOffset(ZoneOffset.UTC).plusYears(1).toInstant())) {
                error("validThrough", "must be within one year");
                return null;
            }
            return value;
        }

        private <E extends Enum<E>> E enumValue(JsonNode parent, String name, Class<E> type, boolean required) {
            return enumValue(parent, name, type, required, "");
        }

        private <E extends Enum<E>> E enumValue(JsonNode parent, String name, Class<E> type, boolean required,
                                                String prefix) {
            JsonNode node = parent.get(name);
            if (node == null || node.isNull()) {
                if (required) {
                    error(prefix + name, "is required");
                }
                return null;
            }
            return enumOf(node, prefix + name, type);
        }

        private <E extends Enum<E>> E enumOf(JsonNode node, String path, Class<E> type) {
            if (node.isString()) {
                for (E constant : type.getEnumConstants()) {
                    if (constant.name().equals(node.stringValue())) {
                        return constant;
                    }
                }
            }
            error(path, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return null;
        }

        /** A licence or certificate the job requires, by name ("forklift licence", "EU driving licence C"). */
        private String licence(JsonNode node, String path) {
            if (!node.isString() || node.stringValue().isBlank() || node.stringValue().length() > MAX_LICENCE) {
                error(path, "must be the name of a licence or certificate, 1 to " + MAX_LICENCE + " characters");
                return null;
            }
            String unprintable = PrintableText.textProblem(node.stringValue(), false);
            if (unprintable != null) {
                error(path, unprintable);
                return null;
            }
            return node.stringValue().strip();
        }

        private String patterned(JsonNode node, String path, Pattern pattern, String reason) {
            if (!node.isString() || !pattern.matcher(node.stringValue()).matches()) {
                error(path, reason);
                return null;
            }
            return node.stringValue();
        }

        /** A list (absent or null = empty), de-duplicated, each item read by {@code item}. */
        private <T> List<T> list(JsonNode node, String path, int max, ItemReader<T> item) {
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                error(path, "must be an array");
                return null;
            }
            if (node.size() > max) {
                error(path, "must have at most " + max + " items");
                return null;
            }
            Set<T> values = new LinkedHashSet<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                String elementPath = path + "[" + i + "]";
                if (element.isNull()) {
                    error(elementPath, "must not be null");
                    continue;
                }
                T value = item.read(element, elementPath);
                if (value != null) {
                    values.add(value);
                }
            }
            return List.copyOf(values);
        }

        private Double number(JsonNode node, String path, double min, double max, boolean required) {
            if (node == null || node.isNull()) {
                if (required) {
                    error(path, "is required");
                }
                return null;
            }
            if (!node.isNumber()) {
                error(path, "must be a number");
                return null;
            }
            double value = node.doubleValue();
            if (!Double.isFinite(value) || value < min || value > max) {
                error(path, "must be between " + plain(min) + " and " + plain(max));
                return null;
            }
            return value;
        }

        private Integer integer(JsonNode node, String path, int min, int max) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isNumber()) {
                error(path, "must be an integer");
                return null;
            }
            double value = node.doubleValue();
            if (!Double.isFinite(value) || value != Math.rint(value)) {
                error(path, "must be an integer");
                return null;
            }
            if (value < min || value > max) {
                error(path, "must be between " + min + " and " + max);
                return null;
            }
            return (int) value;
        }

        private static boolean has(JsonNode node, String name) {
            return node.get(name) != null && !node.get(name).isNull();
        }

        private void error(String field, String reason) {
            errors.add(new Violation(field, reason));
        }
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    @FunctionalInterface
    private interface ItemReader<T> {
        T read(JsonNode node, String path);
    }

}
