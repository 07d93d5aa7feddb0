package org.doorstep.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./doorstep demo}: registers the sample seekers, watches the first one's live match stream,
 * publishes the sample postings as the demo partner, and prints each match as it arrives, with its reasons.
 */
final class Demo {

    static final String CAMPAIGN = "SPRING-DEMO";
    private static final Duration QUIET_PERIOD = Duration.ofSeconds(6);
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private static final Instant VALID_THROUGH = Instant.now().plus(Duration.ofDays(60)).truncatedTo(ChronoUnit.DAYS);

    private final PlatformSettings settings;
    private final Console console;
    private final ApiClient api = new ApiClient();
    private final AtomicInteger matches = new AtomicInteger();
    private final AtomicLong lastEvent = new AtomicLong(System.nanoTime());

    Demo(PlatformSettings settings, Console console) {
        this.settings = settings;
        this.console = console;
    }

    int run() {
        Path credentialsFile = settings.home().resolve("credentials.env");
        if (!Files.exists(credentialsFile)) {
            throw new PlatformException("No " + credentialsFile + ": start the platform first with ./doorstep up");
        }
        Map<String, String> credentials = PlatformState.readEnv(credentialsFile);
        Path sample = settings.projectRoot().resolve("deploy/local/demo");
        JsonNode seekers = ApiClient.JSON.readTree(read(sample.resolve("seekers.json")));
        List<String> postings = lines(sample.resolve("postings.ndjson"));

        String watchedToken = null;
        String watchedName = null;
        for (JsonNode seeker : seekers) {
            ApiClient.Reply reply = api.send("POST", credentials.get("DOORSTEP_SEEKERS_URL") + "/api/v1/seekers", null, seeker.toString());
            if (!reply.ok()) {
                throw new PlatformException("Registering a sample seeker failed: HTTP " + reply.status() + " " + reply.body());
            }
            if (watchedToken == null) {
                watchedToken = reply.json().path("token").asString();
                watchedName = seeker.path("displayName").asString("the first seeker");
            }
        }
        console.line("Registered %d sample seekers. Watching the live match stream of %s ...", seekers.size(), watchedName);
        CompletableFuture<Void> stream = watch(credentials.get("DOORSTEP_NOTIFICATIONS_URL"), watchedToken);

        boolean campaign = defineCampaign(credentials);
        int published = 0;
        for (String posting : postings) {
            ObjectNode node = (ObjectNode) ApiClient.JSON.readTree(posting);
            // the sample is fixed; its postings must stay open for a while from today
            node.put("validThrough", VALID_THROUGH.toString());
            if (campaign && published % 3 == 0) {
                node.putArray("campaignCodes").add(CAMPAIGN);
            }
            String externalId = URLEncoder.encode(node.path("externalId").asString(), StandardCharsets.UTF_8);
            ApiClient.Reply reply = api.send("PUT", credentials.get("DOORSTEP_POSTINGS_URL") + "/api/v1/postings/" + externalId,
                    credentials.get("DOORSTEP_PARTNER_KEY"), node.toString());
            if (!reply.ok()) {
                console.line("  posting %s refused: HTTP %d %s", node.path("externalId").asString(), reply.status(), reply.body());
            } else {
                published++;
            }
        }
        console.line("Published %d sample postings as the demo partner (Chinese and other cities, English and Chinese titles).", published);
        awaitQuiet();
        stream.cancel(true);
        console.line("");
        console.line("%d matches arrived live for %s. Their inbox: curl -H 'Authorization: Bearer <token>' %s/api/v1/me/matches",
                matches.get(), watchedName, credentials.get("DOORSTEP_NOTIFICATIONS_URL"));
        if (credentials.containsKey("DOORSTEP_CONSOLE_URL")) {
            console.line("Operator console (sign in with $DOORSTEP_OPERATOR_TOKEN): %s/#/operator?campaign=%s   seeker app: %s/#/seeker",
                    credentials.get("DOORSTEP_CONSOLE_URL"), CAMPAIGN, credentials.get("DOORSTEP_CONSOLE_URL"));
        }
        return matches.get() > 0 ? 0 : 2;
    }

    /**
     * The demo's recruitment campaign (every third sample posting joins it), so the operator console has a campaign's
     * progress to show: it started a month ago and runs two more months. A PUT, so a second demo run updates it.
     */
    private boolean defineCampaign(Map<String, String> credentials) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String body = ApiClient.JSON.createObjectNode()
                .put("name", "Spring drive demo / 春风行动（演示）")
                .put("startsOn", today.minusDays(30).toString())
                .put("endsOn", today.plusDays(60).toString())
                .put("targetJobs", 3000)
                .set("targetGroups", ApiClient.JSON.createArrayNode().add("MIGRANT_WORKER").add("COLLEGE_GRADUATE")).toString();
        ApiClient.Reply reply = api.send("PUT", credentials.get("DOORSTEP_POSTINGS_URL") + "/api/v1/campaigns/" + CAMPAIGN,
                credentials.get("DOORSTEP_OPERATOR_TOKEN"), body);
        if (!reply.ok()) {
            console.line("  campaign %s refused: HTTP %d %s (the postings go out without it)", CAMPAIGN, reply.status(), reply.body());
            return false;
        }
        console.line("Campaign %s: a third of the sample postings join it.", CAMPAIGN);
        return true;
    }

    private CompletableFuture<Void> watch(String notificationsUrl, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(notificationsUrl + "/api/v1/me/matches/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        return api.http().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    if (response.statusCode() != 200) {
                        console.line("The match stream answered HTTP %d", response.statusCode());
                        return;
                    }
                    new ServerSentEvents(this::show).consume(response.body());
                });
    }

    private void show(ServerSentEvents.Event event) {
        lastEvent.set(System.nanoTime());
        JsonNode data = event.data().isBlank() ? ApiClient.JSON.createObjectNode() : ApiClient.JSON.readTree(event.data());
        JsonNode match = data.has("match") ? data.path("match") : data;
        if (event.name().endsWith("withdrawn")) {
            console.line("  [%s] withdrawn  %s", event.id(), match.path("postingId").asString());
            return;
        }
        if (!event.name().endsWith("found")) {
            return;
        }
        matches.incrementAndGet();
        JsonNode posting = match.path("posting");
        console.line("  [%s] match %.2f  %s  (%s)", event.id(), match.path("score").asDouble(), posting.path("title").asString(),
                posting.path("location").path("address").asString(""));
        for (JsonNode reason : match.path("reasons")) {
            console.line("          %-12s %.2f  %s", reason.path("factor").asString(), reason.path("value").asDouble(), reason.path("detail").asString());
        }
    }

    private void awaitQuiet() {
        long start = System.nanoTime();
        while (System.nanoTime() - lastEvent.get() < QUIET_PERIOD.toNanos() && System.nanoTime() - start < MAX_WAIT.toNanos()) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
