package org.hotline.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hotline.common.category.ServiceCategory;
import org.hotline.routing.domain.LimitUnit;
import org.hotline.routing.domain.PoolScope;
import org.hotline.routing.domain.Priority;
import org.hotline.routing.domain.Region;
import org.hotline.routing.domain.RoutingRule;
import org.hotline.routing.service.RegionDirectory;
import org.hotline.routing.service.RoutingRuleService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code make bench SCENARIO=rules}: routing's decision for a new work order, in process on one thread (one core):
 * the region's lineage from the in-memory directory, then the tenant's rules in force tried in order (regions,
 * category, subcategory, priority, keywords in title and description), as {@code WorkOrderService} does before it
 * stores the order. A province-sized rule book: a rule per city and category, keyword and urgent rules, a default.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class RoutingRuleBenchmark {

    private static final String[] TEXTS = {
        "门诊慢特病待遇申请后一直没有审核结果，想了解办理进度和需要补充的材料",
        "异地就医备案后在外省住院，出院结算时没有直接报销，要求说明原因",
        "举报某定点药店串换药品、虚开发票，骗取医保基金",
        "咨询灵活就业人员居民医保缴费标准和缴费期限",
        "单位参保人员医保卡个人账户余额查询",
        "投诉经办窗口工作人员态度差，办理转移接续被多次要求重复提交材料",
        "建议增加医保电子凭证在基层卫生院的使用场景",
        "生育津贴申领需要哪些材料，多长时间到账",
    };

    private Map<String, Region> regions;
    private List<RoutingRule> inForce;
    private Case[] cases;
    private int next;

    /** One order to decide: its region and what the rules look at. */
    private record Case(String regionCode, String poolingCode, ServiceCategory category, String subcategory,
            Priority priority, String text) {
    }

    @Setup
    public void setUp() {
        Random random = new Random(12393);
        regions = new HashMap<>();
        region("370000", null, "370000");
        List<String> counties = new ArrayList<>();
        for (int city = 1; city <= 16; city++) {
            String cityCode = String.format("37%02d00", city);
            region(cityCode, "370000", cityCode);
            for (int county = 1; county <= 8; county++) {
                String code = String.format("37%02d%02d", city, county);
                region(code, cityCode, cityCode);
                counties.add(code);
            }
        }
        inForce = new ArrayList<>();
        ServiceCategory[] categories = ServiceCategory.values();
        int position = 10;
        // Urgent matters and fraud reports first, then a rule per city and category, the province's own desks, a default.
        inForce.add(rule(position++, null, null, null, Priority.URGENT, null));
        inForce.add(rule(position++, null, ServiceCategory.FEEDBACK, null, null, "骗取医保基金,欺诈骗保,串换药品"));
        for (int city = 1; city <= 16; city++) {
            for (ServiceCategory category : categories) {
                String keywords = category == ServiceCategory.FEEDBACK ? "投诉,态度" : null;
                inForce.add(rule(position++, String.format("37%02d00", city), category, null, null, keywords));
            }
        }
        inForce.add(rule(position++, "370000", ServiceCategory.ONLINE_PRE_REVIEW, "异地就医备案", null, null));
        inForce.add(rule(position++, "370000", ServiceCategory.POLICY_ANSWER, null, null, "生育津贴,灵活就业"));
        RoutingRule fallback = rule(1000, null, null, null, null, null);
        fallback.isDefault = true;
        inForce.add(fallback);
        cases = new Case[4096];
        for (int i = 0; i < cases.length; i++) {
            String code = counties.get(random.nextInt(counties.size()));
            cases[i] = new Case(code, regions.get(code).defaultPoolingCode, categories[random.nextInt(categories.length)],
                    random.nextInt(10) == 0 ? "异地就医备案" : null, random.nextInt(20) == 0 ? Priority.URGENT : Priority.NORMAL,
                    TEXTS[random.nextInt(TEXTS.length)]);
        }
    }

    /** One decision: lineage, then the first matching rule (never null: the default matches everything). */
    @Benchmark
    public RoutingRule decide() {
        Case c = cases[next++ & (cases.length - 1)];
        List<String> lineage = new ArrayList<>(RegionDirectory.lineage(regions, c.regionCode()));
        if (!lineage.contains(c.poolingCode())) {
            lineage.add(c.poolingCode());
        }
        return RoutingRuleService.firstMatch(inForce, new RoutingRuleService.Matter(lineage, c.category(),
                c.subcategory(), c.priority(), c.text()));
    }

    private void region(String code, String parent, String pooling) {
        Region r = new Region();
        r.code = code;
        r.name = code;
        r.level = parent == null ? "PROVINCE" : code.endsWith("00") ? "CITY" : "COUNTY";
        r.parentCode = parent;
        r.provinceCode = "370000";
        r.defaultPoolingCode = pooling;
        regions.put(code, r);
    }

    private static RoutingRule rule(int position, String region, ServiceCategory category, String subcategory,
            Priority priority, String keywords) {
        RoutingRule r = new RoutingRule();
        r.id = UUID.randomUUID();
        r.tenant = "37";
        r.name = "rule " + position;
        r.position = position;
        r.regionCode = region;
        r.category = category;
        r.subcategory = subcategory;
        r.priority = priority;
        r.keywords = keywords;
        r.poolScope = PoolScope.CITY;
        r.limitValue = 5;
        r.limitUnit = LimitUnit.WORKING_DAYS;
        r.acceptLimitHours = 4;
        r.effectiveFrom = LocalDate.of(2026, 1, 1);
        return r;
    }
}
