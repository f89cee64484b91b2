package org.hotline.bench;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Citizens' questions to {@code GET /api/v1/answers} at a constant arrival rate, over the loaded corpus: a share
 * ({@code bench.repeatShare}, default 0.5) asks one of the common questions word for word, as a surge's callers do;
 * the others add their own member number, so each is a question the service has not seen and must search.
 */
public class KnowledgeAnswerSimulation extends Simulation {

    static final String[] QUESTIONS = {"异地就医怎么备案", "在上海出差得了急性阑尾炎住院了能报销吗", "医保关系怎么转移",
        "慢性病资格认定需要什么材料", "家人在海南住院如何办理转诊", "淄博医保局电话是多少", "新生儿怎么参保", "门诊费用能报销多少",
        "医保卡丢了怎么补办", "退休后医保缴费年限不够怎么办", "跨省异地就医直接结算", "生育津贴怎么申领", "灵活就业人员怎么交医保",
        "医保个人账户能给家人用吗", "住院起付线是多少"};
    static final double REPEAT_SHARE = BenchSettings.decimal("repeatShare", 0.5);
    static final String[] REGIONS = {"370300", "370100", "370200", "420100"};

    private static ScenarioBuilder ask(String name, Iterator<Map<String, Object>> questions) {
        return scenario(name).feed(questions)
                .exec(http(name).get("/api/v1/answers").queryParam("q", "#{q}").queryParam("region", "#{region}")
                        .check(status().is(200)));
    }

    {
        var protocol = http.baseUrl(BenchSettings.url("knowledge", "http://localhost:8083")).shareConnections()
                .authorizationHeader("Bearer " + BenchSettings.token()).acceptHeader("application/json");
        var questions = Stream.generate(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String question = QUESTIONS[random.nextInt(QUESTIONS.length)];
            if (random.nextDouble() >= REPEAT_SHARE) {
                question = "我的医保编号是" + (100_000_000 + random.nextInt(900_000_000)) + "，" + question;
            }
            return Map.<String, Object>of("q", question,
                    "region", REGIONS[random.nextInt(REGIONS.length)]);
        }).iterator();
        setUp(BenchSettings.steady(name -> ask(name, questions), "answer", BenchSettings.rate(500),
                BenchSettings.seconds(30)))
                .protocols(protocol);
    }
}
