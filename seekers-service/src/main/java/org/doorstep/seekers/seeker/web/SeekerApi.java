package org.doorstep.seekers.seeker.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

/** The public contract of the seekers API, as OpenAPI shows it (with examples). */
@Tag(name = "seekers", description = "Job seekers register and keep their profile (for mobile apps)")
interface SeekerApi {

    String PROFILE_EXAMPLE = """
            {
              "displayName": "Li Wei",
              "contact": {"email": "li.wei@example.cn", "phone": "+86 138 0000 0000"},
              "location": {"lat": 30.6598, "lon": 104.0633, "regionCode": "510104"},
              "maxDistanceKm": 15,
              "remoteOk": true,
              "desiredOccupations": ["2512"],
              "skills": [{"label": "Java", "level": "INTERMEDIATE"}, {"escoUri": "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d", "level": "BASIC"}],
              "education": "BACHELOR",
              "experienceYears": 1,
              "salaryExpectation": {"min": 10000, "currency": "CNY", "period": "MONTH"},
              "employmentTypes": ["FULL_TIME", "INTERNSHIP"],
              "languages": ["zh", "en"],
              "keyGroups": ["COLLEGE_GRADUATE"],
              "accommodationNeeds": [],
              "consent": {"keyGroups": true, "shareWithPartners": false},
              "notifications": {
                "channels": ["STREAM", "INBOX"],
                "quietHours": {"start": "22:00", "end": "07:00", "zone": "Asia/Shanghai"},
                "maxPerDay": 20,
                "digest": {"mode": "DAILY", "at": "18:00", "zone": "Asia/Shanghai"},
                "minScore": 0.5,
                "pushToken": null
              }
            }""";

    String VIEW_EXAMPLE = """
            {
              "seekerId": "a3f1c2d4-5e6f-4a1b-8c9d-0e1f2a3b4c5d",
              "version": 2,
              "createdAt": "2026-11-25T08:00:00Z",
              "updatedAt": "2026-11-25T08:05:00Z",
              "displayName": "Li Wei",
              "contact": {"email": "li.wei@example.cn", "phone": "+86 138 0000 0000"},
              "location": {"lat": 30.6598, "lon": 104.0633, "regionCode": "510104"},
              "maxDistanceKm": 15.0,
              "remoteOk": true,
              "desiredOccupations": ["2512"],
              "skills": [{"label": "Java", "escoUri": null, "level": "INTERMEDIATE"}],
              "education": "BACHELOR",
              "experienceYears": 1.0,
              "salaryExpectation": {"min": 10000.0, "currency": "CNY", "period": "MONTH"},
              "employmentTypes": ["FULL_TIME"],
              "languages": ["zh"],
              "keyGroups": ["COLLEGE_GRADUATE"],
              "accommodationNeeds": [],
              "consent": {"keyGroups": true, "shareWithPartners": false},
              "notifications": {"channels": ["STREAM", "INBOX"], "quietHours": null, "maxPerDay": null,
                                "digest": {"mode": "NONE", "at": null, "zone": null}, "minScore": 0.0, "pushToken": null},
              "consentRecords": [{"purpose": "KEY_GROUPS",
                                  "description": "use key-group membership and accommodation needs to prioritise and filter job matches",
                                  "given": true, "by": "a3f1c2d4-5e6f-4a1b-8c9d-0e1f2a3b4c5d",
                                  "at": "2026-11-25T08:00:00Z", "via": "POST /api/v1/seekers"}]
            }""";

    String PROBLEM_EXAMPLE = """
            {
              "type": "https://doorstep.example/problems/validation",
              "title": "Invalid request",
              "status": 400,
              "detail": "Invalid request: location.lat must be between -90 and 90; favouriteColour unknown property.",
              "instance": "/api/v1/seekers/me",
              "errors": [
                {"field": "location.lat", "reason": "must be between -90 and 90"},
                {"field": "favouriteColour", "reason": "unknown property"}
              ]
            }""";

    String UNAUTHORIZED_EXAMPLE = """
            {"type": "https://doorstep.example/problems/unauthorized", "title": "Unauthorized", "status": 401,
             "detail": "The bearer token is invalid, expired, or no longer valid for this seeker.", "instance": "/api/v1/seekers/me"}""";

    String RATE_LIMITED_EXAMPLE = """
            {"type": "https://doorstep.example/problems/rate-limited", "title": "Too many requests", "status": 429,
             "detail": "Too many registrations from this client; retry after 42 s.", "instance": "/api/v1/seekers"}""";

    @Operation(summary = "Register a job seeker",
            description = "Creates the profile and returns the seeker id with a bearer token (HS256 JWT: iss doorstep-seekers, "
                    + "aud doorstep, sub = seekerId, iat, exp = iat + 30 days, jti). No field is required: `{}` registers an empty "
                    + "profile to fill in later. keyGroups and accommodationNeeds are kept only with consent.keyGroups = true. "
                    + "In OIDC mode a provider token is required and the seeker id is its subject; token is then null.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = ProfileRequest.class),
                    examples = @ExampleObject(name = "profile", value = PROFILE_EXAMPLE))),
            responses = {
                    @ApiResponse(responseCode = "201", description = "Registered", content = @Content(
                            mediaType = "application/json", schema = @Schema(implementation = Registration.class),
                            examples = @ExampleObject(value = """
                                    {"seekerId": "a3f1c2d4-5e6f-4a1b-8c9d-0e1f2a3b4c5d",
                                     "token": "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJkb29yc3RlcC1zZWVrZXJzIn0.signature",
                                     "expiresAt": "2026-12-25T08:00:00Z"}"""))),
                    @ApiResponse(responseCode = "400", description = "Every violation, nothing stored", content = @Content(
                            mediaType = "application/problem+json", examples = @ExampleObject(value = PROBLEM_EXAMPLE))),
                    @ApiResponse(responseCode = "429", description = "Too many registrations from this client "
                            + "(doorstep.limits.registrations, default 20 a minute); Retry-After says when to try again",
                            content = @Content(mediaType = "application/problem+json",
                                    examples = @ExampleObject(value = RATE_LIMITED_EXAMPLE)))})
    Mono<ResponseEntity<Registration>> register(@Parameter(hidden = true) byte[] body, @Parameter(hidden = true) Jwt jwt,
                                                @Parameter(hidden = true) ServerHttpRequest request);

    @Operation(summary = "The seeker's own profile", security = @SecurityRequirement(name = "seekerToken"),
            responses = {
                    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
                            schema = @Schema(implementation = SeekerView.class),
                            examples = @ExampleObject(value = VIEW_EXAMPLE))),
                    @ApiResponse(responseCode = "401", description = "Missing, invalid, expired or erased token",
                            content = @Content(mediaType = "application/problem+json",
                                    examples = @ExampleObject(value = UNAUTHORIZED_EXAMPLE)))})
    Mono<SeekerView> me(@Parameter(hidden = true) Jwt jwt);

    @Operation(summary = "Replace the whole profile",
            description = "Fields left out take their defaults. An unchanged profile changes nothing and publishes "
                    + "nothing. Withdrawing consent.keyGroups removes keyGroups and accommodationNeeds. Read-only "
                    + "fields of GET (seekerId, version, createdAt, updatedAt, consentRecords) are ignored.",
            security = @SecurityRequirement(name = "seekerToken"),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = ProfileRequest.class),
                    examples = @ExampleObject(name = "profile", value = PROFILE_EXAMPLE))),
            responses = {
                    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
                            schema = @Schema(implementation = SeekerView.class),
                            examples = @ExampleObject(value = VIEW_EXAMPLE))),
                    @ApiResponse(responseCode = "400", description = "Every violation, nothing changed", content = @Content(
                            mediaType = "application/problem+json", examples = @ExampleObject(value = PROBLEM_EXAMPLE)))})
    Mono<SeekerView> replace(@Parameter(hidden = true) byte[] body, @Parameter(hidden = true) Jwt jwt);

    @Operation(summary = "Change part of the profile (JSON Merge Patch, RFC 7386)",
            description = "Members present replace, null removes (back to the default), objects merge recursively, "
                    + "arrays replace. The result is validated like PUT.",
            security = @SecurityRequirement(name = "seekerToken"),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/merge-patch+json", schema = @Schema(implementation = ProfileRequest.class),
                    examples = {
                            @ExampleObject(name = "move", value = """
                                    {"location": {"lat": 31.2304, "lon": 121.4737, "regionCode": "310101"}}"""),
                            @ExampleObject(name = "withdraw key-group consent", value = """
                                    {"consent": {"keyGroups": false}}"""),
                            @ExampleObject(name = "quiet hours off", value = """
                                    {"notifications": {"quietHours": null}}""")})),
            responses = {
                    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
                            schema = @Schema(implementation = SeekerView.class))),
                    @ApiResponse(responseCode = "400", description = "Every violation, nothing changed", content = @Content(
                            mediaType = "application/problem+json", examples = @ExampleObject(value = PROBLEM_EXAMPLE)))})
    Mono<SeekerView> patch(@Parameter(hidden = true) byte[] body, @Parameter(hidden = true) Jwt jwt);

    @Operation(summary = "Erase the seeker everywhere",
            description = "Deletes the profile, publishes seeker.erased then a tombstone on doorstep.seekers.v1 and "
                    + "doorstep.seeker-preferences.v1, and refuses the seeker's tokens from now on.",
            security = @SecurityRequirement(name = "seekerToken"),
            responses = @ApiResponse(responseCode = "204", description = "Erased"))
    Mono<ResponseEntity<Void>> erase(@Parameter(hidden = true) Jwt jwt);
}
