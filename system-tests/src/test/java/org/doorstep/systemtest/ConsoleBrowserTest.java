package org.doorstep.systemtest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.doorstep.local.DoorstepService;
import org.doorstep.testkit.DoorstepInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web console in a real browser (Debian's headless chromium through Debian's chromedriver; never a browser a tool
 * downloads) against the platform the other system tests use: a seeker registers in the reference app, a partner
 * publishes postings through the API, the matches appear in the app with their reasons, survive a reload once each,
 * dismiss removes one and apply records the other; an operator signs in, sees the counters and charts move, opens a
 * campaign and sees its progress; the switch to Chinese shows Chinese texts. axe-core (from the console's npm
 * packages) finds no serious or critical violation on either screen, and a phone's width needs no sideways scrolling.
 * Screenshots go to target/screenshots.
 */
@DoorstepInfrastructure
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("doorstep.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("doorstep.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration MATCH_WAIT = Duration.ofSeconds(60);

    private static PlatformClient client;
    private static String consoleUrl;
    private static String partnerKey;
    private static String campaign;
    private static ChromeDriver browser;
    private static Path screenshots;
    private static Path userData;

    @BeforeAll
    static void start() throws IOException {
        assertThat(CHROMIUM).as("Debian's chromium (apt-get install -y chromium chromium-driver; .ci/run installs it)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromedriver (apt-get install -y chromium-driver)").isExecutable();
        ServicesUnderTest services = ServicesUnderTest.get();
        client = new PlatformClient(services);
        consoleUrl = services.consoleUrl();
        partnerKey = client.registerPartner();
        campaign = "UI-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        var created = client.send("PUT", DoorstepService.POSTINGS, "/api/v1/campaigns/" + campaign, ServicesUnderTest.OPERATOR_TOKEN, """
                {"name": "Browser-test drive / 浏览器测试行动", "startsOn": "%s", "endsOn": "%s", "targetJobs": 40,
                 "targetGroups": ["COLLEGE_GRADUATE"]}""".formatted(LocalDate.now().minusDays(10), LocalDate.now().plusDays(20)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        screenshots = Path.of("target/screenshots");
        Files.createDirectories(screenshots);
        userData = Files.createTempDirectory("doorstep-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + userData, "--window-size=1280,1000", "--lang=en-US");
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (userData != null) {
            try (var paths = Files.walk(userData)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    @Order(1)
    void aSeekerRegistersSeesMatchesLiveWithReasonsKeepsThemOnceOverAReloadDismissesOneAndAppliesToTheOther() {
        browser.get(consoleUrl + "/#/seeker");
        WebElement name = await().atMost(Duration.ofSeconds(30)).until(() -> first(By.cssSelector("form[aria-labelledby=register-title] input")), e -> e != null);
        name.sendKeys("Wang Fang");
        browser.findElement(By.cssSelector("input[list=skill-suggestions]")).sendKeys("Java, SQL");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        awaitStreamOpen();

        String welder = "Browser test " + UUID.randomUUID().toString().substring(0, 6);
        String first = publish(welder + " A");
        String second = publish(welder + " B");

        await().atMost(MATCH_WAIT).until(() -> matchCard(first) != null);
        await().atMost(MATCH_WAIT).until(() -> matchCard(second) != null);
        int reasons = onCard(first, card -> card.findElements(By.cssSelector(".reasons li")).size());
        String reasonText = onCard(first, card -> card.findElement(By.cssSelector(".reasons")).getText());
        assertThat(reasons).as("the reasons of the match").isPositive();
        assertThat(reasonText).containsIgnoringCase("Java");
        screenshot("seeker-app-matches");

        browser.navigate().refresh();
        awaitStreamOpen();
        await().atMost(Duration.ofSeconds(30)).until(() -> matchCard(first) != null && matchCard(second) != null);
        String lastEventId = (String) script("return JSON.parse(localStorage.getItem('doorstep.seeker')).lastEventId");
        assertThat(lastEventId).as("the app resumes the stream after the last event it handled").isNotBlank();
        assertThat(cards(first)).as("after a reload the match is shown once").hasSize(1);
        assertThat(cards(second)).hasSize(1);

        String token = (String) script("return JSON.parse(localStorage.getItem('doorstep.seeker')).token");
        press(second, "dismiss");
        await().atMost(Duration.ofSeconds(20)).until(() -> cards(second).isEmpty());
        press(first, "apply");
        await().atMost(Duration.ofSeconds(20)).until(() -> onCard(first, card -> !card.findElements(By.cssSelector(".badge.applied")).isEmpty()));

        JsonNode inbox = PlatformClient.json(client.send("GET", DoorstepService.NOTIFICATION, "/api/v1/me/matches?limit=100", token, null).body());
        assertThat(feedback(inbox, first)).isEqualTo("APPLIED");
        assertThat(feedback(inbox, second)).as("a dismissed match leaves the inbox").isNull();

        browser.navigate().refresh();
        awaitStreamOpen();
        await().atMost(Duration.ofSeconds(30)).until(() -> matchCard(first) != null);
        assertThat(cards(second)).as("a dismissed match does not come back on a reload").isEmpty();
        int applied = onCard(first, card -> card.findElements(By.cssSelector(".badge.applied")).size());
        assertThat(applied).as("the applied match keeps its mark over a reload").isOne();
        assertNoSeriousAccessibilityViolation("seeker app");
        assertFitsAPhone("seeker-app-phone");

        // the profile: key groups only with the explicit consent, quiet hours, a daily cap
        WebElement consent = browser.findElement(By.xpath("//label[starts-with(normalize-space(.), 'I agree that Doorstep records')]"));
        WebElement graduate = browser.findElement(By.cssSelector("input[type=checkbox][value=COLLEGE_GRADUATE]"));
        assertThat(graduate.isEnabled()).as("no key group without the consent").isFalse();
        browser.findElement(By.id(consent.getDomAttribute("for"))).click();
        graduate.click();
        fill(By.xpath("//label[.='Quiet from']"), "22:00");
        fill(By.xpath("//label[.='Quiet until']"), "07:00");
        fill(By.xpath("//label[starts-with(., 'At most this many matches a day')]"), "5");
        browser.findElement(By.cssSelector("form[aria-labelledby=profile-title] button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.cssSelector("form[aria-labelledby=profile-title] [role=status]")).getText(),
                text -> !text.isBlank());
        assertThat(browser.findElement(By.cssSelector("form[aria-labelledby=profile-title] [role=status]")).getText()).isEqualTo("Saved");
        JsonNode profile = PlatformClient.json(client.send("GET", DoorstepService.SEEKERS, "/api/v1/seekers/me", token, null).body());
        assertThat(profile.path("consent").path("keyGroups").asBoolean()).isTrue();
        assertThat(profile.path("keyGroups").toString()).isEqualTo("[\"COLLEGE_GRADUATE\"]");
        assertThat(profile.path("notifications").path("quietHours").path("start").asText()).isEqualTo("22:00");
        assertThat(profile.path("notifications").path("maxPerDay").asInt()).isEqualTo(5);
    }

    /**
     * Types into the control a label names; a time input's segments depend on the browser's locale (12 or 24 hours),
     * so its value is set as the time picker would set it.
     */
    private void fill(By label, String value) {
        WebElement control = browser.findElement(By.id(browser.findElement(label).getDomAttribute("for")));
        if ("time".equals(control.getDomAttribute("type"))) {
            ((JavascriptExecutor) browser).executeScript(
                    "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", control, value);
        } else {
            control.clear();
            control.sendKeys(value);
        }
    }

    /**
     * The app's stream connection drops (notification-service is killed, so the console's forwarded stream breaks)
     * while a match is made; the app reconnects with back-off, sends the Last-Event-ID it stored, and shows the match
     * it missed once, and none of those it had twice.
     */
    @Test
    @Order(2)
    void aDroppedStreamConnectionLosesNoMatchAndRepeatsNone() {
        browser.get(consoleUrl + "/#/seeker");
        awaitStreamOpen();
        String token = (String) script("return JSON.parse(localStorage.getItem('doorstep.seeker')).token");
        // the first test set quiet hours and a daily cap: without them every match here is pushed live, whatever the time
        ObjectNode profile = (ObjectNode) PlatformClient.json(
                client.send("GET", DoorstepService.SEEKERS, "/api/v1/seekers/me", token, null).body());
        ((ObjectNode) profile.path("notifications")).remove(List.of("quietHours", "maxPerDay"));
        var saved = client.send("PUT", DoorstepService.SEEKERS, "/api/v1/seekers/me", token, profile.toString());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

        // a match delivered live before the drop: the preferences have reached notification-service
        String before = "Before the drop " + UUID.randomUUID().toString().substring(0, 6);
        publishOutsideTheCampaign(before);
        await().atMost(MATCH_WAIT).until(() -> matchCard(before) != null);
        List<String> shown = matchIds();

        ServicesUnderTest services = ServicesUnderTest.get();
        services.crash(DoorstepService.NOTIFICATION);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            WebElement state = first(By.id("stream-state"));
            return state != null && !"open".equals(state.getDomAttribute("data-state"));
        });
        String during = "During the drop " + UUID.randomUUID().toString().substring(0, 6);
        publishOutsideTheCampaign(during);
        services.restart(DoorstepService.NOTIFICATION);

        awaitStreamOpen();
        await().atMost(MATCH_WAIT).until(() -> matchCard(during) != null);
        assertThat(cards(during)).as("the match made while the connection was down, shown once").hasSize(1);
        List<String> after = matchIds();
        assertThat(after).as("no match shown twice").doesNotHaveDuplicates();
        assertThat(after).as("every match shown before the drop is still there").containsAll(shown);
        screenshot("seeker-app-reconnected");
    }

    @Test
    @Order(3)
    void anOperatorSeesTheCountersAndChartsMoveAndACampaignsProgress() {
        browser.get(consoleUrl + "/#/operator");
        WebElement token = await().atMost(Duration.ofSeconds(30)).until(() -> first(By.cssSelector("input[type=password]")), e -> e != null);
        token.sendKeys(ServicesUnderTest.OPERATOR_TOKEN);
        browser.findElement(By.cssSelector("form[aria-labelledby=login-title] button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> counter("found") != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> chartPoints(0) >= 2);
        long foundBefore = counter("found");

        String postingTitle = "Operator view " + UUID.randomUUID().toString().substring(0, 6);
        publish(postingTitle);
        await().atMost(MATCH_WAIT).until(() -> counter("found") > foundBefore);
        await().atMost(Duration.ofSeconds(20)).until(() -> chartMax(0) > 0);
        // match-to-delivery p50, p95, p99 (from the timer's histogram buckets, over the last 30 s) and the max
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String[] last = String.valueOf(chartAttribute(2, "data-last")).split(",", -1);
            return last.length == 4 && !last[0].isEmpty() && !last[2].isEmpty()
                    && Double.parseDouble(last[0]) <= Double.parseDouble(last[2]);
        });
        // the live feed: the delivery decision of the new match, from notification-service's operator stream
        await().atMost(MATCH_WAIT).until(() -> !browser.findElements(By.cssSelector("#feed li[data-outcome]")).isEmpty());
        assertThat(attribute("#feed li[data-outcome]", "data-outcome")).isIn("live", "held", "digest", "inbox_only");
        assertThat(text("#feed li[data-outcome]")).contains("%").doesNotContain("Wang Fang");
        assertThat(counter("active")).isPositive();
        // the map: open postings (and seekers, in cells of at least five) by coordinates, counted by their services
        await().atMost(Duration.ofSeconds(45)).until(() -> first(By.cssSelector("#platform-map svg circle.dot-posting")) != null);
        assertThat(Integer.parseInt(attribute("#platform-map", "data-posting-cells"))).isPositive();
        // economy tags: the test's postings ask for Java and SQL, digital skills in matching's taxonomy
        await().atMost(Duration.ofSeconds(20)).until(() -> number("#by-economy tr[data-economy=DIGITAL] td") > 0);
        // what became of matches by day (UTC) and by key group: the seeker's test found, dismissed and applied to matches
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String todayRow = "#outcomes-by-day tr[data-day='" + today + "'] ";
        await().atMost(Duration.ofSeconds(45)).until(() -> number(todayRow + "td[data-outcome=applied]") >= 1);
        assertThat(number(todayRow + "td[data-outcome=found]")).isGreaterThanOrEqualTo(2);
        assertThat(number(todayRow + "td[data-outcome=dismissed]")).isGreaterThanOrEqualTo(1);
        screenshot("operator-console-outcomes");

        WebElement open = await().atMost(Duration.ofSeconds(30)).until(() -> first(By.cssSelector("button[data-campaign='" + campaign + "']")), e -> e != null);
        open.click();
        String detail = "article[data-campaign-code='" + campaign + "'] ";
        await().atMost(Duration.ofSeconds(20)).until(() -> text(detail + "#campaign-vacancies") != null);
        // three postings of 2 vacancies each joined the campaign (two in the seeker's test, one here): 6 of 40 jobs
        assertThat(text(detail + "#campaign-vacancies")).contains("6").contains("3");
        assertThat(property(detail + "#campaign-progress", "value")).isEqualTo("15");
        assertThat(Integer.parseInt(property(detail + "#campaign-time", "value"))).isBetween(30, 40);
        screenshot("operator-console");
        assertNoSeriousAccessibilityViolation("operator console");

        browser.findElement(By.id("lang")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.cssSelector("#nav")).getText().contains("运营控制台"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "成效".equals(text("#counters-title")));
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.findElement(By.id("charts-title")).getText()).isEqualTo("处理链路健康状况");
        await().atMost(Duration.ofSeconds(30)).until(() -> chartPoints(0) >= 2);
        screenshot("operator-console-zh");

        browser.get(consoleUrl + "/#/seeker");
        await().atMost(Duration.ofSeconds(30)).until(() -> "我的匹配岗位".equals(text("#matches-title")));
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(By.cssSelector("li.match")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("li.match .reasons")).isDisplayed()).isTrue();
        // the reasons in Chinese, written by the app from each reason's factor and the numbers of its English detail
        String skillsReason = browser.findElement(By.cssSelector("li.match .reasons li[data-factor=skills]")).getText();
        assertThat(skillsReason).contains("技能").contains("Java").doesNotContain("required skills");
        assertThat(browser.findElement(By.cssSelector("li.match .reasons li[data-factor=freshness]")).getText())
                .isEqualTo("今天发布");
        assertThat(browser.findElement(By.cssSelector("li.match .badge.applied")).getText()).isEqualTo("已申请");
        screenshot("seeker-app-zh");
        browser.findElement(By.id("lang")).click();

        // erasure: confirmed in the browser's dialog; the token opens nothing any more
        String seekerToken = (String) script("return JSON.parse(localStorage.getItem('doorstep.seeker')).token");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() -> browser.findElement(By.cssSelector("button.danger")).getText(), text -> text.equals("Erase my account"));
        browser.findElement(By.cssSelector("button.danger")).click();
        browser.switchTo().alert().accept();
        await().atMost(Duration.ofSeconds(20)).until(() -> first(By.id("register-title")) != null);
        assertThat(script("return localStorage.getItem('doorstep.seeker')")).isNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.send("GET", DoorstepService.SEEKERS, "/api/v1/seekers/me", seekerToken, null).statusCode() == 401);
    }

    private String publish(String title) {
        String body = PlatformClient.posting()
                .replace("Java backend developer / Java后端开发工程师", title)
                .replace("\"campaignCodes\": []", "\"campaignCodes\": [\"" + campaign + "\"]");
        var response = client.send("PUT", DoorstepService.POSTINGS, "/api/v1/postings/UI-" + UUID.randomUUID(), partnerKey, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return title;
    }

    /** A posting that joins no campaign (the operator's test counts the campaign's jobs). */
    private void publishOutsideTheCampaign(String title) {
        String body = PlatformClient.posting().replace("Java backend developer / Java后端开发工程师", title);
        var response = client.send("PUT", DoorstepService.POSTINGS, "/api/v1/postings/UI-" + UUID.randomUUID(), partnerKey, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** The match ids of the cards the app shows, in order. */
    private List<String> matchIds() {
        return await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() -> browser.findElements(By.cssSelector("li.match")).stream()
                        .map(card -> card.getDomAttribute("data-match-id")).toList(), ids -> true);
    }

    /** Reads from a card, found again when the app re-rendered the list in between (it does so on every event). */
    private <T> T onCard(String title, java.util.function.Function<WebElement, T> read) {
        return await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() -> read.apply(matchCard(title)), value -> true);
    }

    /** Clicks a card's button; the app re-renders the list on every event, so a card found a moment ago may be gone. */
    private void press(String title, String action) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(StaleElementReferenceException.class).until(() -> {
            matchCard(title).findElement(By.cssSelector("button[data-action=" + action + "]")).click();
            return true;
        });
    }

    private void awaitStreamOpen() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            WebElement state = first(By.id("stream-state"));
            return state != null && "open".equals(state.getDomAttribute("data-state"));
        });
    }

    private WebElement matchCard(String title) {
        List<WebElement> cards = cards(title);
        return cards.isEmpty() ? null : cards.get(0);
    }

    private List<WebElement> cards(String title) {
        return await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() -> browser.findElements(By.cssSelector("li.match")).stream()
                        .filter(card -> card.findElement(By.tagName("h3")).getText().equals(title)).toList(), cards -> true);
    }

    private static String feedback(JsonNode inbox, String title) {
        for (JsonNode item : inbox.path("items")) {
            if (item.path("posting").path("title").asText().equals(title)) {
                return item.path("feedback").isNull() ? "" : item.path("feedback").asText();
            }
        }
        return null;
    }

    // The operator console re-renders its panels as figures arrive: a WebElement found a moment ago may be gone (stale).
    // These read the live DOM in one script call, so a poll sees either the old panel or the new one, never a detached one.
    private Long counter(String key) {
        String value = text("[data-counter=" + key + "] dd");
        return value == null ? null : Long.parseLong(value.trim());
    }

    private int chartPoints(int index) {
        String points = chartAttribute(index, "data-points");
        return points == null ? 0 : Integer.parseInt(points);
    }

    private double chartMax(int index) {
        String max = chartAttribute(index, "data-max");
        return max == null ? 0 : Double.parseDouble(max);
    }

    private String chartAttribute(int index, String name) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "const chart = document.querySelectorAll('figure.chart')[arguments[0]]; return chart ? chart.getAttribute(arguments[1]) : null;",
                index, name);
    }

    /** The text of the first element the selector finds, or null when there is none. */
    private String text(String css) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css);
    }

    /** An attribute of the first element the selector finds, or null when there is none. */
    private String attribute(String css, String name) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;", css, name);
    }

    /** A DOM property of the first element the selector finds, as text, or null when there is none. */
    private String property(String css, String name) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? String(e[arguments[1]]) : null;", css, name);
    }

    private int number(String css) {
        String value = text(css);
        return value == null || value.isBlank() ? -1 : Integer.parseInt(value.trim());
    }

    private WebElement first(By by) {
        List<WebElement> found = browser.findElements(by);
        return found.isEmpty() ? null : found.get(0);
    }

    private Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    @SuppressWarnings("unchecked")
    private void assertNoSeriousAccessibilityViolation(String screen) {
        Path axe = ServicesUnderTest.projectRoot().resolve("console/node_modules/axe-core/axe.min.js");
        assertThat(axe).as("axe-core from the console's npm packages (npm ci in the console build)").isRegularFile();
        try {
            script(Files.readString(axe));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Map<String, Object>> violations = (List<Map<String, Object>>) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                  .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length,
                                                          target: String(v.nodes[0] && v.nodes[0].target) }))))
                  .catch(e => done([{ id: 'axe failed: ' + e, impact: 'critical' }]));""");
        assertThat(violations).as("axe-core on the " + screen)
                .filteredOn(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))).isEmpty();
    }

    private void assertFitsAPhone(String name) {
        Dimension desktop = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) script("return window.innerWidth")).intValue() <= 400);
            Number overflow = (Number) script("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(overflow.intValue()).as("sideways scrolling at a phone's width").isLessThanOrEqualTo(0);
            screenshot(name);
        } finally {
            browser.manage().window().setSize(desktop);
        }
    }

    private void screenshot(String name) {
        try {
            Files.write(screenshots.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
