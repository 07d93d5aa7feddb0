package org.doorstep.postings.openapi;

/** Example payloads shown in the OpenAPI document (kept valid by OpenApiDocumentTest). */
public final class ApiExamples {

    /** The job as a partner describes it, around its skills: shared by the request and the resource. */
    private static final String TITLE = """
              "title": "Java backend developer / Java后端开发工程师",
              "description": "Build services for the public employment platform.",
              "occupation": "2512",
            """;
    private static final String TERMS = """
              "location": {"lat": 30.5728, "lon": 104.0668, "regionCode": "510100",
                           "address": "Tianfu Software Park, Chengdu"},
              "workplace": "HYBRID",
              "employmentType": "FULL_TIME",
              "salary": {"min": 12000, "max": 18000, "currency": "CNY", "period": "MONTH"},
              "vacancies": 3,
              "education": "BACHELOR",
              "minExperienceYears": 1,
              "targetGroups": ["COLLEGE_GRADUATE"],
              "accommodations": ["FLEXIBLE_HOURS"],
              "campaignCodes": ["SPRING-2026"],
              "validThrough": "2027-03-31T23:59:59Z",
              "languages": ["zh", "en"]
            """;

    public static final String POSTING_REQUEST = "{\n" + TITLE + """
              "skills": [{"label": "Java", "required": true}, {"label": "SQL", "required": true},
                         {"escoUri": "http://data.europa.eu/esco/skill/kafka", "required": false}],
            """ + TERMS + "}";

    public static final String POSTING_RESOURCE = """
            {
              "postingId": "5b0e3c1e-8f0a-4d51-9a55-2f0f6e0c9a11",
              "partnerId": "0d7c7d2e-1c3b-4a8e-9f6e-1d2a3b4c5d6e",
              "externalId": "JOB-2026-0042",
              "version": 1,
              "status": "OPEN",
            """ + TITLE + """
              "skills": [{"label": "Java", "escoUri": null, "required": true}],
              "updatedAt": "2026-11-25T08:00:00Z",
            """ + TERMS + "}";

    public static final String POSTING_PAGE = """
            {"items": [ { "postingId": "5b0e3c1e-8f0a-4d51-9a55-2f0f6e0c9a11", "externalId": "JOB-2026-0042",
                          "version": 1, "status": "OPEN", "title": "Java backend developer" } ],
             "nextCursor": "Sk9CLTIwMjYtMDA0Mg"}""";

    public static final String BATCH_REQUEST = """
            {"externalId": "JOB-1", "title": "Electrician", "location": {"lat": 31.23, "lon": 121.47}, "workplace": "ONSITE", "employmentType": "FULL_TIME", "validThrough": "2027-01-31T00:00:00Z"}
            {"externalId": "JOB-2", "title": "Plumber", "location": {"lat": 95, "lon": 121.47}, "workplace": "ONSITE", "employmentType": "FULL_TIME", "validThrough": "2027-01-31T00:00:00Z"}
            """;

    public static final String BATCH_RESPONSE = """
            {"line":1,"externalId":"JOB-1","status":201,"outcome":"CREATED","postingId":"5b0e3c1e-8f0a-4d51-9a55-2f0f6e0c9a11","version":1}
            {"line":2,"externalId":"JOB-2","status":400,"outcome":"REJECTED","problems":[{"field":"location.lat","reason":"must be between -90 and 90"}]}
            """;

    public static final String PARTNER_REQUEST = """
            {"name": "Chengdu Talent Market", "contactEmail": "api@talent-chengdu.example"}""";

    public static final String PARTNER_KEY_RESPONSE = """
            {"partnerId": "0d7c7d2e-1c3b-4a8e-9f6e-1d2a3b4c5d6e", "name": "Chengdu Talent Market",
             "keyId": "a1b2c3d4e5f6", "apiKey": "dsk_a1b2c3d4e5f6_kq3...43 base64url characters..."}""";

    public static final String CAMPAIGN_REQUEST = """
            {"code": "SPRING-2026", "name": "Spring recruitment drive", "startsOn": "2026-02-01",
             "endsOn": "2026-06-30", "targetJobs": 30000000, "targetGroups": ["COLLEGE_GRADUATE", "MIGRANT_WORKER"]}""";

    public static final String CAMPAIGN_RESPONSE = """
            {"code": "SPRING-2026", "name": "Spring recruitment drive", "startsOn": "2026-02-01",
             "endsOn": "2026-06-30", "targetJobs": 30000000, "targetGroups": ["COLLEGE_GRADUATE", "MIGRANT_WORKER"],
             "createdAt": "2026-01-20T08:00:00Z", "updatedAt": "2026-01-20T08:00:00Z",
             "progress": {"openPostings": 3, "vacancies": 17,
                          "byRegion": [{"regionCode": "110000", "openPostings": 1, "vacancies": 10},
                                       {"regionCode": "510100", "openPostings": 2, "vacancies": 7}]}}""";

    public static final String VALIDATION_PROBLEM = """
            {"type": "https://doorstep.example/problems/validation", "title": "Invalid request", "status": 400,
             "detail": "Invalid request: salary.min must not be greater than salary.max; colour unknown property.",
             "instance": "/api/v1/postings/JOB-2026-0042",
             "errors": [{"field": "salary.min", "reason": "must not be greater than salary.max"},
                        {"field": "colour", "reason": "unknown property"}]}""";

    public static final String UNAUTHORIZED_PROBLEM = """
            {"type": "https://doorstep.example/problems/unauthorized", "title": "Unauthorized", "status": 401,
             "detail": "The API key is not valid."}""";

    public static final String FORBIDDEN_PROBLEM = """
            {"type": "https://doorstep.example/problems/forbidden", "title": "Forbidden", "status": 403,
             "detail": "These credentials do not grant access to this resource."}""";

    public static final String NOT_FOUND_PROBLEM = """
            {"type": "https://doorstep.example/problems/not-found", "title": "Not found", "status": 404,
             "detail": "No posting with externalId 'JOB-2026-0042'."}""";

    public static final String PRECONDITION_PROBLEM = """
            {"type": "https://doorstep.example/problems/precondition-failed", "title": "Precondition failed",
             "status": 412, "detail": "The posting is at version 3, not 2."}""";

    public static final String TOO_LARGE_PROBLEM = """
            {"type": "https://doorstep.example/problems/payload-too-large", "title": "Payload too large",
             "status": 413, "detail": "The request body exceeds 262144 bytes."}""";

    public static final String RATE_LIMITED_PROBLEM = """
            {"type": "https://doorstep.example/problems/rate-limited", "title": "Too many requests", "status": 429,
             "detail": "Too many requests; retry after 1 s."}""";

    public static final String CONFLICT_PROBLEM = """
            {"type": "https://doorstep.example/problems/conflict", "title": "Conflict", "status": 409,
             "detail": "Campaign 'SPRING-2026' already exists; PUT /api/v1/campaigns/SPRING-2026 changes it."}""";

    private ApiExamples() {
    }
}
