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
 * replies, an evaluator submits a verdict and a leader sees it counted (and a hotspot of complaints about one place),
 * the administrator changes the province's service hours. Screenshots of each screen go to target/console-screenshots.
 */
// One journey in order: each step works on what the previous one left.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final String SUFFIX = "_it6";
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static final String TITLE = "异地住院报销款两个月未到账";
    private static final String ADMIN = TestTokens.bearer("tenant-admin", "37");
    private static final String AGENT = TestTokens.bearer("agent", "37");
    private static final String HOTSPOT_ADDRESS = "济南市历下区泉城路180号";

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
        // Evaluation follows routing's feed as in production; the weekly run is started by the test, as an
        // administrator would start it, and rework requests go back to routing quickly.
        evaluation = ServiceProcess.of("evaluation").with("hotline.db.suffix", SUFFIX).calling("routing", routing)
                .with("hotline.evaluation.assignment.enabled", "false")
                .with("hotline.evaluation.actions.interval", "500ms")
                .with("hotline.evaluation.actions.follow-up-every", "1s");
        intake = ServiceProcess.of("intake").with("hotline.db.suffix", SUFFIX).calling("routing", routing)
                .calling("knowledge", knowledge).with("hotline.intake.region-retry.interval", "1s");
        // Appraisal counts complaints from routing's feed; it evaluates the lights every 2 s instead of 30 s.
        appraisal = ServiceProcess.of("appraisal").with("hotline.db.suffix", SUFFIX)
                .calling("evaluation", evaluation).calling("routing", routing)
                .with("hotline.appraisal.lights.evaluate-every", "2s")
                // and sweeps for hotspots every 2 s instead of 60 s, so that the hotspot's alert is raised quickly.
                .with("hotline.appraisal.hotspots.sweep-every", "2s");
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
        // Shandong's light thresholds as its administrator sets them (appraisal's settings per tenant have no
        // environment override): yellow from 3 complaints in 24 h, no baseline, so that a burst of three lights it.
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("lightYellowCount", 3, "lightRedCount", 50, "lightBaselineWeeks", 0))
                .put(appraisal.baseUrl() + "/api/v1/kpi-settings?tenant=37").then().statusCode(200)
                .body("lightYellowCount", org.hamcrest.Matchers.equalTo(3));

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
                // How knowledge read the question and matched it (issue 18): the normalised question and the mode.
                assertThat(page.getByTestId("normalised")).containsText("异地就医");
                assertThat(page.getByTestId("answer-mode")).hasText(java.util.regex.Pattern.compile("直接答复|请确认问题.*"));

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
    void evaluatorFindsTheUnsatisfiedComplaintAmongTheWeeksAssignmentsAndSubmitsAVerdict() {
        // The product's way to an evaluation: the complainant is called back and unsatisfied, routing sends the
        // order back, the unit replies again; evaluation takes the case from routing's feed and the province's
        // administrator runs the week's assignment, which gives it to the evaluator registered for Zibo.
        given().header("Authorization", AGENT).contentType(ContentType.JSON)
                .body(Map.of("satisfied", false, "note", "报销款仍未到账"))
                .post(routing.baseUrl() + "/api/v1/work-orders/" + orderId + "/callback").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("DISPATCHED"));
        String handler = "Bearer " + io.smallrye.jwt.build.Jwt.issuer(TestTokens.ISSUER).upn("zhang@37")
                .groups("handler").claim("tenant", "37").claim("unit", unitId).expiresIn(Duration.ofHours(1)).jws()
                .keyId("test").sign(org.hotline.testing.TestKeys.get().privateKey());
        given().header("Authorization", handler).contentType(ContentType.JSON).body("{}")
                .post(routing.baseUrl() + "/api/v1/work-orders/" + orderId + "/accept").then().statusCode(200);
        given().header("Authorization", handler).contentType(ContentType.JSON)
                .body(Map.of("reply", "经再次核实，报销款已补发到账。"))
                .post(routing.baseUrl() + "/api/v1/work-orders/" + orderId + "/reply").then().statusCode(200);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("subject", "chen@37", "name", "陈评价", "regionCodes", List.of("370300"),
                        "weeklyCapacity", 10))
                .post(evaluation.baseUrl() + "/api/v1/evaluators").then().statusCode(201);
        eventually("evaluation has the case from routing's feed", Duration.ofSeconds(90), () -> {
            List<Map<String, Object>> cases = given().header("Authorization", ADMIN)
                    .get(evaluation.baseUrl() + "/api/v1/cases?workOrderId=" + orderId).then().statusCode(200)
                    .extract().path("items");
            return cases.size() == 1 && TITLE.equals(cases.get(0).get("title"))
                    && "REPLIED".equals(cases.get(0).get("routingStatus"))
                    && "UNSATISFIED".equals(cases.get(0).get("callbackSatisfaction"));
        });
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("seed", 12393))
                .post(evaluation.baseUrl() + "/api/v1/assignment-runs").then().statusCode(201)
                .body("assigned", org.hamcrest.Matchers.equalTo(1));

        try (BrowserContext context = tablet()) {
            Page page = context.newPage();
            try {
                page.navigate(console.baseUrl() + "/login");
                login(page, "chen", "evaluator", null);
                assertThat(page).hasURL(console.baseUrl() + "/evaluator");
                Locator assignments = page.getByTestId("assignments").locator("li");
                assertThat(assignments).hasCount(1);
                assertThat(assignments.first()).containsText("评价截止");
                assertThat(assignments.first()).containsText(TITLE);
                assignments.first().getByRole(com.microsoft.playwright.options.AriaRole.LINK).click();
                assertThat(page.locator("h1")).hasText(TITLE);

                // Knowledge beside the form: search, and cite the first article found.
                page.locator("#eval-q").fill("异地就医报销");
                page.locator("#eval-q").press("Enter");
                Locator hit = page.getByTestId("hits").locator("li").first();
                assertThat(hit).isVisible();
                hit.getByLabel("引用").check();

                page.getByLabel("联系结果 1").selectOption("REACHED");
                page.getByLabel("投诉人评价").selectOption("UNSATISFIED");
                page.getByLabel("诉求是否合理").selectOption("YES");
                page.getByLabel("承办单位是否履职到位").selectOption("NO");
                page.locator("input[name=evaluatorVerdict][value=UNSATISFIED]").check();
                page.getByLabel("评价意见").fill("单位未核实异地就医备案材料，答复与事实不符。");
                page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("保存草稿")).click();
                assertThat(page.locator("#submitted")).containsText("草稿已保存");
                // The draft comes back as saved when the form is opened again.
                page.reload();
                assertThat(page.getByTestId("draft-state")).isVisible();
                assertThat(page.getByLabel("评价意见")).hasValue("单位未核实异地就医备案材料，答复与事实不符。");
                assertThat(page.getByLabel("投诉人评价")).hasValue("UNSATISFIED");
                assertThat(page.getByTestId("articles-consulted").locator("input:checked")).hasCount(1);
                page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("提交评价")).click();
                // Unsatisfied complainant and evaluator: evaluation sends the order back for rework.
                assertThat(page.getByTestId("evaluation")).containsText("退回重办");
                page.locator("#eval-q").fill("异地就医报销");
                page.locator("#eval-q").press("Enter");
                assertThat(page.getByTestId("hits").locator("li").first()).isVisible();
                shot(page, "evaluator-desk");
                assertEquals(403, page.navigate(console.baseUrl() + "/dashboard").status());
            } catch (RuntimeException | AssertionError e) {
                shot(context.pages().get(0), "evaluator-desk-failed");
                throw e;
            }
        }
        // Evaluation stored the form as the evaluator filled it.
        Map<String, Object> form = given().header("Authorization", ADMIN)
                .get(evaluation.baseUrl() + "/api/v1/assignments?status=SUBMITTED").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(1)).extract().path("items[0]");
        Map<String, Object> evaluated = given().header("Authorization", ADMIN)
                .get(evaluation.baseUrl() + "/api/v1/assignments/" + form.get("id")).then().statusCode(200)
                .extract().path("evaluation");
        assertEquals("UNSATISFIED", evaluated.get("complainantVerdict"));
        assertEquals("NO", evaluated.get("unitPerformedDuty"));
        assertEquals("REWORK", evaluated.get("outcome"));
        assertEquals(1, ((List<?>) evaluated.get("articleIds")).size(), "the cited article");
        assertEquals(1, ((List<?>) evaluated.get("contactAttempts")).size(), "one attempt, reached");
    }

    @Test
    @Order(4)
    void leaderSeesTheComplaintLightOfTheProvinceAcknowledgesItAndExportsTheTables() throws Exception {
        // A burst of complaints about the same unit: with the first order, three in the window light it yellow.
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", AGENT).header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                    .contentType(ContentType.JSON)
                    .body(Map.of("regionCode", "370300", "category", "FEEDBACK", "title", "报销款未到账投诉 " + i,
                            "description", "异地住院报销款迟迟未到账。", "priority", "NORMAL", "channel", "PHONE",
                            "citizenPhone", "1390533000" + i))
                    .post(routing.baseUrl() + "/api/v1/work-orders").then().statusCode(201)
                    .body("unitId", org.hamcrest.Matchers.equalTo(unitId));
        }
        // Complaints about one place in Jinan (no rule there: they wait in the province's claim pool, so the unit's
        // light keeps its three): five in a week make an address hotspot.
        List<String> queueComplaints = List.of("泉城路180号医保服务大厅排队三个小时没办上", "泉城路180号大厅取号机坏了没人管",
                "泉城路180号窗口只开一个，排队太久", "泉城路180号医保大厅工作人员中午提前离岗", "泉城路180号大厅叫号混乱反复排队");
        for (int i = 0; i < queueComplaints.size(); i++) {
            given().header("Authorization", AGENT).header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                    .contentType(ContentType.JSON)
                    .body(Map.of("regionCode", "370100", "category", "FEEDBACK", "title", queueComplaints.get(i),
                            "description", "在医保服务大厅办理业务排队时间过长。", "priority", "NORMAL", "channel", "PHONE",
                            "citizenPhone", "1390531100" + i, "address", HOTSPOT_ADDRESS))
                    .post(routing.baseUrl() + "/api/v1/work-orders").then().statusCode(201);
        }
        eventually("appraisal reports the address hotspot", Duration.ofSeconds(90), () -> given()
                .header("Authorization", ADMIN).get(appraisal.baseUrl() + "/api/v1/hotspots?tenant=37&kind=ADDRESS")
                .then().statusCode(200).extract().<List<Map<String, Object>>>path("items").stream()
                .anyMatch(h -> HOTSPOT_ADDRESS.equals(h.get("label")) && Integer.valueOf(5).equals(h.get("count"))));
        eventually("appraisal raises the hotspot's alert", Duration.ofSeconds(90), () -> given()
                .header("Authorization", ADMIN).get(appraisal.baseUrl() + "/api/v1/hotspots?tenant=37&kind=ADDRESS")
                .then().statusCode(200).extract().<List<Map<String, Object>>>path("items").stream()
                .anyMatch(h -> HOTSPOT_ADDRESS.equals(h.get("label")) && h.get("alert") != null));
        eventually("appraisal lights the unit's light", Duration.ofSeconds(90), () -> given()
                .header("Authorization", ADMIN).get(appraisal.baseUrl() + "/api/v1/lights").then().statusCode(200)
                .extract().<List<Map<String, Object>>>path("$").stream()
                .anyMatch(l -> "UNIT".equals(l.get("scope")) && unitId.equals(l.get("scopeKey"))));

        try (BrowserContext context = tablet()) {
            Page page = context.newPage();
            try {
                page.navigate(console.baseUrl() + "/login");
                login(page, "liu", "leader", null);
                assertThat(page).hasURL(console.baseUrl() + "/dashboard");
                Locator unitLight = page.getByTestId("light").filter(new Locator.FilterOptions().setHasText(unitId));
                assertThat(unitLight).containsText("黄灯");
                assertThat(unitLight).containsText("投诉量 3");
                assertThat(unitLight).containsText(unitName);
                // The hotspot as appraisal reports it: the address, its region and the five complaints.
                Locator hotspot = page.getByTestId("hotspots").locator("tbody tr")
                        .filter(new Locator.FilterOptions().setHasText(HOTSPOT_ADDRESS));
                assertThat(hotspot).hasCount(1);
                assertThat(hotspot).containsText("370100");
                assertThat(hotspot.locator("td").nth(3)).hasText("5");
                // Its alert waits for a leader: "确认" acknowledges it and the row shows who did, with the focus on it.
                assertThat(hotspot).containsText("预警时间");
                hotspot.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Locator.GetByRoleOptions().setName("确认")).click();
                assertThat(hotspot).containsText("已确认： liu@37");
                assertThat(hotspot.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON)).hasCount(0);
                assertThat(hotspot.locator(".badge")).isFocused();
                assertThat(page.getByTestId("scorecard")).isVisible();
                assertThat(page.getByTestId("staffing-gaps")).isAttached();
                // appraisal's charts, fetched with the leader's token, are drawn.
                page.locator("img.chart").first().scrollIntoViewIfNeeded();
                page.waitForFunction("() => { const i = document.querySelector('img.chart');"
                        + " return i !== null && i.complete && i.naturalWidth > 0; }");
                unitLight.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Locator.GetByRoleOptions().setName("确认")).click();
                assertThat(page.getByTestId("acknowledged")).isVisible();
                assertThat(page.getByTestId("light").filter(new Locator.FilterOptions().setHasText(unitId)))
                        .containsText("liu@37");
                String csv = Files.readString(page.waitForDownload(() -> page.getByRole(
                        com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions().setName("导出 CSV"))
                        .first().click()).path());
                assertTrue(csv.startsWith("\uFEFFtenant,scope,scopeKey,level,count"), csv);
                assertTrue(csv.contains("37,UNIT," + unitId + ",YELLOW,3"), csv);
                assertTrue(csv.contains("liu@37"), csv);
                shot(page, "leader-dashboard");
                // A leader's province is the token's: another province asked for in the address is not shown.
                page.navigate(console.baseUrl() + "/dashboard?tenant=42");
                assertThat(page.locator("h1")).containsText("37");
                assertEquals(403, page.navigate(console.baseUrl() + "/inbox").status());
                assertEquals(403, page.navigate(console.baseUrl() + "/admin").status());
            } catch (RuntimeException | AssertionError e) {
                shot(context.pages().get(0), "leader-dashboard-failed");
                throw e;
            }
        }
        // Appraisal kept the acknowledgement with the leader's name.
        List<Map<String, Object>> lights = given().header("Authorization", ADMIN)
                .get(appraisal.baseUrl() + "/api/v1/lights?all=true").then().statusCode(200).extract().path("$");
        assertEquals("liu@37", lights.stream().filter(l -> unitId.equals(l.get("scopeKey"))).findFirst()
                .orElseThrow().get("acknowledgedBy"));
        // and the hotspot alert's.
        List<Map<String, Object>> hotspots = given().header("Authorization", ADMIN)
                .get(appraisal.baseUrl() + "/api/v1/hotspots?tenant=37&kind=ADDRESS").then().statusCode(200)
                .extract().path("items");
        assertEquals("liu@37", ((Map<?, ?>) hotspots.stream().filter(h -> HOTSPOT_ADDRESS.equals(h.get("label")))
                .findFirst().orElseThrow().get("alert")).get("acknowledgedBy"));
    }

    @Test
    @Order(5)
    void anotherProvincesLeaderSeesNoneOfShandongsLightsAndTheOperatorComparesProvinces() {
        try (BrowserContext context = tablet()) {
            Page page = context.newPage();
            try {
                page.navigate(console.baseUrl() + "/login");
                page.getByLabel("姓名（登录名）").fill("hu");
                page.getByLabel("角色").selectOption("leader");
                page.getByLabel("省份代码").fill("42");
                page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("登录").setExact(true)).click();
                assertThat(page.locator("h1")).containsText("42");
                assertThat(page.getByTestId("no-lights")).isVisible();
                assertThat(page.getByTestId("light")).hasCount(0);
            } catch (RuntimeException | AssertionError e) {
                shot(context.pages().get(0), "province-leader-failed");
                throw e;
            }
        }
        try (BrowserContext context = tablet()) {
            Page page = context.newPage();
            try {
                page.navigate(console.baseUrl() + "/login");
                page.getByLabel("姓名（登录名）").fill("ops");
                page.getByLabel("角色").selectOption("platform-operator");
                page.getByLabel("省份代码").fill("*");
                page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("登录").setExact(true)).click();
                assertThat(page.locator("h1")).containsText("全国");
                assertThat(page.locator("#rank-h")).hasText("各省排名对比");
                assertThat(page.getByTestId("light").filter(new Locator.FilterOptions().setHasText(unitId)))
                        .hasCount(1);
                shot(page, "national-dashboard");
            } catch (RuntimeException | AssertionError e) {
                shot(context.pages().get(0), "national-dashboard-failed");
                throw e;
            }
        }
    }

    @Test
    @Order(6)
    void administratorSeesTheUnitsRulesCalendarAndArticlesOfTheProvince() {
        try (BrowserContext context = tablet()) {
            Page page = context.newPage();
            try {
                page.navigate(console.baseUrl() + "/login");
                login(page, "admin", "tenant-admin", null);
                assertThat(page).hasURL(console.baseUrl() + "/admin");
                assertThat(page.locator("body")).containsText(unitName);
                assertThat(page.locator("body")).containsText("淄博 问题反馈");
                // A new unit through the form: routing stores it and the list shows it.
                page.getByText("新增承办单位").click();
                page.locator("#unit-name").fill("淄博市医疗保障局周村分局");
                page.locator("#unit-region").fill("370306");
                page.locator("#unit-name").locator("xpath=ancestor::form").getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("新增"))
                        .click();
                assertThat(page.getByTestId("saved")).containsText("承办单位");
                assertThat(page.getByTestId("units")).containsText("淄博市医疗保障局周村分局");
                // An article opens in its editing form with the text of its latest version.
                page.getByTestId("articles").locator("tbody a").first().click();
                assertThat(page.locator("#a-answer")).not().isEmpty();
                shot(page, "admin-article");
                page.goBack();
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

    @Test
    @Order(7)
    void administratorChangesTheProvincesServiceHoursAndSeesThemSaved() {
        try (BrowserContext context = tablet()) {
            Page page = context.newPage();
            try {
                page.navigate(console.baseUrl() + "/login");
                login(page, "admin", "tenant-admin", null);
                assertThat(page).hasURL(console.baseUrl() + "/admin");
                page.getByTestId("nav-service-hours").click();
                assertThat(page).hasURL(console.baseUrl() + "/admin/service-hours");
                // Nothing set yet: intake's configured default is in force.
                assertThat(page.getByTestId("hours-periods")).hasText("09:00-12:00, 13:00-17:00");
                assertThat(page.getByTestId("hours-source")).containsText("系统默认");
                page.getByLabel("开始时间", new Page.GetByLabelOptions().setExact(true)).fill("08:30");
                page.getByLabel("结束时间", new Page.GetByLabelOptions().setExact(true)).fill("17:30");
                page.getByLabel("午休开始", new Page.GetByLabelOptions().setExact(true)).fill("12:00");
                page.getByLabel("午休结束", new Page.GetByLabelOptions().setExact(true)).fill("13:30");
                page.getByLabel("周六", new Page.GetByLabelOptions().setExact(true)).check();
                page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("保存").setExact(true)).click();
                assertThat(page.getByTestId("saved")).containsText("服务时间已保存");
                assertThat(page.getByTestId("hours-periods")).hasText("08:30-12:00, 13:30-17:30");
                assertThat(page.getByTestId("hours-days")).containsText("周六");
                assertThat(page.getByTestId("hours-source")).containsText("admin@37");
                shot(page, "admin-service-hours");
            } catch (RuntimeException | AssertionError e) {
                shot(context.pages().get(0), "admin-service-hours-failed");
                throw e;
            }
        }
        // Intake keeps them as the administrator saved them.
        given().header("Authorization", ADMIN).get(intake.baseUrl() + "/api/v1/service-hours").then().statusCode(200)
                .body("source", org.hamcrest.Matchers.equalTo("PROVINCE"))
                .body("periods", org.hamcrest.Matchers.equalTo(List.of("08:30-12:00", "13:30-17:30")))
                .body("days", org.hamcrest.Matchers.hasItem("SATURDAY"))
                .body("updatedBy", org.hamcrest.Matchers.equalTo("admin@37"));
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

    private static void eventually(String what, Duration bound, java.util.function.BooleanSupplier condition) {
        Instant giveUp = Instant.now().plus(bound);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("Not within " + bound + ": " + what);
            }
            ServiceProcess.sleep(500);
        }
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /**
     * A freshly started intake may answer its first registrations with a PENDING region while routing warms up
     * (see IntakeWarmUp); the agent's journey starts once three registrations in a row resolve.
     */
    private static void untilRegionsResolve() {
        String agent = AGENT;
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
