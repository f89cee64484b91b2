package org.hotline.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The console in headless Chromium (Debian's, through Playwright) against the packaged services: an agent answers a
 * question from the knowledge base and registers an order, the unit's handler finds it at the top of the inbox and
 * replies, an evaluator submits a verdict and a leader sees it counted. Screenshots of each screen go to
 * target/console-screenshots.
 */
// One journey in order: each step works on what the previous one left.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final String SUFFIX = "_it6";
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static final String TITLE = "异地住院报销款两个月未到账";
    private static final String ADMIN = TestTokens.bearer("tenant-admin", "37");

    private static ServiceProcess routing;
    private static ServiceProcess knowledge;
    private static ServiceProcess intake;
    private static ServiceProcess evaluation;
    private static ServiceProcess appraisal;
    private static ServiceProcess console;
    private static Playwright playwright;
    private static Browser browser;
    private static String unitId;
    private static String unitName;
    private static String orderId;

    @BeforeAll
    static void startSuite() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("HOTLINE_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            throw new IllegalStateException(chromium + " is missing: run scripts/install-chromium.sh "
                    + "(Debian's chromium package) or set HOTLINE_CHROMIUM to a Chromium executable");
        }
        for (String s : List.of("routing", "knowledge", "intake", "evaluation", "appraisal")) {
            ServiceProcess.resetDatabase(s, SUFFIX);
        }
        routing = ServiceProcess.of("routing").with("hotline.db.suffix", SUFFIX);
        knowledge = ServiceProcess.of("knowledge").with("hotline.db.suffix", SUFFIX);
        evaluation = ServiceProcess.of("evaluation").with("hotline.db.suffix", SUFFIX);
        intake = ServiceProcess.of("intake").with("hotline.db.suffix", SUFFIX).calling("routing", routing)
                .calling("knowledge", knowledge).with("hotline.intake.region-retry.interval", "1s");
        appraisal = ServiceProcess.of("appraisal").with("hotline.db.suffix", SUFFIX)
                .calling("evaluation-feed", evaluation);
        // The console as make run starts it: the `local` profile has the development login.
        console = ServiceProcess.of("console").with("quarkus.profile", "local")
                // A loaded 2-core machine can take more than the default 10 s to answer the first search.
                .with("hotline.console.request-timeout", "30s")
                .with("hotline.console.services.intake", intake.baseUrl())
                .with("hotline.console.services.routing", routing.baseUrl())
                .with("hotline.console.services.knowledge", knowledge.baseUrl())
                .with("hotline.console.services.evaluation", evaluation.baseUrl())
                .with("hotline.console.services.appraisal", appraisal.baseUrl());
        // One after the other: on a 2-core machine parallel starts only make each one slower.
        for (ServiceProcess p : List.of(routing, knowledge, intake, evaluation, appraisal, console)) {
            p.start();
        }

        unitName = "淄博市医疗保障局张店分局";
        unitId = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", unitName, "kind", "CITY_AGENCY", "regionCode", "370300",
                        "leaderName", "李主任", "leaderPhone", "05332000000"))
                .post(routing.baseUrl() + "/api/v1/units").then().statusCode(201).extract().path("id");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "淄博 问题反馈", "position", 1, "regionCode", "370300", "category", "FEEDBACK",
                        "targetUnitId", unitId, "limitValue", 5, "limitUnit", "WORKING_DAYS"))
                .post(routing.baseUrl() + "/api/v1/routing-rules").then().statusCode(201);
        untilRegionsResolve();

        Files.createDirectories(SHOTS);
        // Pages wait on services that a loaded 2-core machine may make slow; a missing element still fails.
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium)
                .setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking")));
    }

    @AfterAll
    static void stopSuite() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        for (ServiceProcess p : new ServiceProcess[] { console, appraisal, intake, evaluation, knowledge, routing }) {
            if (p != null) {
                p.stop();
            }
        }
    }

    @Test
    @Order(1)
    void agentAnswersFromTheKnowledgeBaseAndRegistersAnOrderInOneStep() {
        try (BrowserContext context = tablet()) {
            Page page = context.newPage();
            try {
                page.navigate(console.baseUrl() + "/");
                assertThat(page.getByLabel("角色")).isVisible();
                shot(page, "login");
                login(page, "wang", "agent", null);
                assertThat(page).hasURL(console.baseUrl() + "/agent");

                page.getByLabel("来电号码").fill("13905330000");
                page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("登记来电")).click();
                assertThat(page.getByTestId("contact-region")).containsText("淄博市");
                assertThat(page.getByTestId("contact-number")).hasText("139****0000");

                page.getByLabel("群众问题").fill("异地就医备案怎么办理");
                page.locator("#kb-region").fill("370300");
                page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("查询")).click();
                assertThat(page.getByTestId("answer")).isVisible();
                assertThat(page.getByTestId("citation")).not().isEmpty();

                page.getByLabel("标题").fill(TITLE);
                page.getByLabel("诉求内容").fill("在上海住院，回淄博后提交报销材料已两个月，报销款仍未到账。");
                page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("登记并派单")).click();
                assertThat(page.getByTestId("registered")).containsText(unitName);
                shot(page, "agent-desk");
            } catch (RuntimeException | AssertionError e) {
                shot(context.pages().get(0), "agent-desk-failed");
                throw e;
            }
        }
        // The order is stored with routing as the agent registered it, dispatched to the unit of the rule.
        Map<String, Object> order = given().header("Authorization", ADMIN)
                .get(routing.baseUrl() + "/api/v1/work-orders?size=5").then().statusCode(200)
                .extract().path("items[0]");
        assertEquals(TITLE, order.get("title"));
        assertEquals(unitId, order.get("unitId"));
        assertEquals("DISPATCHED", order.get("status"));
        assertEquals("139****0000", order.get("citizenPhoneMasked"));
        orderId = (String) order.get("id");
    }

    @Test
    @Order(2)
    void handlerSeesTheOrderAtTheTopOfTheInboxAcceptsAndReplies() {
        try (BrowserContext context = tablet()) {
            Page page = context.newPage();
            try {
                page.navigate(console.baseUrl() + "/login");
                login(page, "zhang", "handler", unitName);
                assertThat(page).hasURL(console.baseUrl() + "/inbox");
                Locator first = page.getByTestId("order").first();
                assertThat(first.locator(".order-title")).hasText(TITLE);
                first.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Locator.GetByRoleOptions().setName("签收")).click();
                assertThat(page.getByTestId("done")).hasText("已签收。");
                Locator accepted = page.getByTestId("order").first();
                accepted.getByLabel("答复内容").fill("经核实，报销款已于今日拨付，请注意查收。");
                accepted.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Locator.GetByRoleOptions().setName("提交答复")).click();
                assertThat(page.getByTestId("done")).hasText("已答复，等待回访。");
                page.getByTestId("order").first().getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Locator.GetByRoleOptions().setName("办理记录")).click();
                assertThat(page.locator("#history-" + orderId)).containsText("zhang@37");
                shot(page, "handler-inbox");
                // The handler's screens end at the inbox: the agent desk is refused.
                assertEquals(403, page.navigate(console.baseUrl() + "/agent").status());
            } catch (RuntimeException | AssertionError e) {
                shot(context.pages().get(0), "handler-inbox-failed");
                throw e;
            }
        }
        given().header("Authorization", ADMIN).get(routing.baseUrl() + "/api/v1/work-orders/" + orderId)
                .then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("REPLIED"))
                .body("reply", org.hamcrest.Matchers.equalTo("经核实，报销款已于今日拨付，请注意查收。"));
    }

    @Test
    @Order(3)
    void evaluatorSubmitsAVerdictWithKnowledgeSearchBeside() {
        try (BrowserContext context = tablet()) {
            Page page = context.newPage();
            try {
                page.navigate(console.baseUrl() + "/login");
                login(page, "chen", "evaluator", null);
                page.navigate(console.baseUrl() + "/evaluator?workOrderId=" + orderId + "&regionCode=370300");
                page.locator("#eval-q").fill("异地就医报销");
                page.locator("#eval-q").press("Enter");
                assertThat(page.locator("#eval-answer li").first()).isVisible();
                page.getByLabel("不满意").check();
                page.getByLabel("满意度评分（1–5）").selectOption("2");
                page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("提交评价")).click();
                assertThat(page.getByTestId("evaluation")).containsText("不满意");
                shot(page, "evaluator-desk");
            } catch (RuntimeException | AssertionError e) {
                shot(context.pages().get(0), "evaluator-desk-failed");
                throw e;
            }
        }
    }

    @Test
    @Order(4)
    void leaderSeesTheEvaluationCountedOnTheDashboardAndExportsIt() {
        try (BrowserContext context = tablet()) {
            Page page = context.newPage();
            try {
                page.navigate(console.baseUrl() + "/login");
                login(page, "liu", "leader", null);
                assertThat(page).hasURL(console.baseUrl() + "/dashboard");
                // appraisal takes the evaluation from evaluation's feed; the leader reloads until it is counted.
                Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
                while (page.getByTestId("kpi-counts").locator("tbody tr").count() == 0 && Instant.now().isBefore(giveUp)) {
                    ServiceProcess.sleep(1000);
                    page.reload();
                }
                assertThat(page.getByTestId("kpi-counts").locator("tbody tr").first()).containsText("UNSATISFIED");
                String csv = page.waitForDownload(() -> page.getByText("导出 CSV").click()).path().toString();
            try {
                    String text = Files.readString(Path.of(csv));
                    assertTrue(text.contains("tenant,type,verdict,events,scoreSum"), text);
                    assertTrue(text.contains("37,"), text);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                shot(page, "leader-dashboard");
                assertEquals(403, page.navigate(console.baseUrl() + "/inbox").status());
            } catch (RuntimeException | AssertionError e) {
                shot(context.pages().get(0), "leader-dashboard-failed");
                throw e;
            }
        }
    }

    @Test
    @Order(5)
    void administratorSeesTheUnitsRulesCalendarAndArticlesOfTheProvince() {
        try (BrowserContext context = tablet()) {
            Page page = context.newPage();
            try {
                page.navigate(console.baseUrl() + "/login");
                login(page, "admin", "tenant-admin", null);
                assertThat(page).hasURL(console.baseUrl() + "/admin");
                assertThat(page.locator("body")).containsText(unitName);
                assertThat(page.locator("body")).containsText("淄博 问题反馈");
                page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("English")).click();
                assertThat(page.locator("h1")).hasText("Administration");
                shot(page, "admin");
            } catch (RuntimeException | AssertionError e) {
                shot(context.pages().get(0), "admin-failed");
                throw e;
            }
        }
    }

    /** A tablet-sized window (the smallest the console is laid out for). */
    private static BrowserContext tablet() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1024, 768)
                .setLocale("zh-CN"));
        context.setDefaultTimeout(20_000);
        return context;
    }

    /** The development login, through its form, as a person would fill it. */
    private static void login(Page page, String name, String role, String unit) {
        page.getByLabel("姓名（登录名）").fill(name);
        page.getByLabel("角色").selectOption(role);
        assertThat(page.getByLabel("省份代码")).hasValue("37");
        if (unit != null) {
            // The form lists the units of province 37 (its default) as it loads.
            Locator units = page.locator("#unit");
            assertThat(units.locator("option", new Locator.LocatorOptions().setHasText(unit)))
                    .hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(10_000));
            units.selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(unit + " (370300)"));
        }
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("登录").setExact(true)).click();
        page.waitForLoadState();
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /**
     * A freshly started intake may answer its first registrations with a PENDING region while routing warms up
     * (see IntakeWarmUp); the agent's journey starts once three registrations in a row resolve.
     */
    private static void untilRegionsResolve() {
        String agent = TestTokens.bearer("agent", "37");
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(120));
        int inARow = 0;
        while (inARow < 3 && Instant.now().isBefore(giveUp)) {
            String status = given().header("Authorization", agent).contentType(ContentType.JSON)
                    .body("{\"channel\":\"PHONE\",\"dialedNumber\":\"0533-12393\",\"callerNumber\":\"13905339999\"}")
                    .post(intake.baseUrl() + "/api/v1/contacts").then().statusCode(201)
                    .extract().path("region.status");
            inARow = "RESOLVED".equals(status) ? inARow + 1 : 0;
            if (inARow < 3) {
                ServiceProcess.sleep(inARow > 0 ? 200 : 1000);
            }
        }
        assertEquals(3, inARow, "intake resolves regions through routing");
    }
}
