package org.hotline.intake.rest;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.hotline.intake.config.IntakeConfig;
import org.hotline.intake.domain.CallRecord;
import org.hotline.intake.service.AnswerOutcome;
import org.hotline.intake.service.ServiceHoursCalendar;

/** What the IVR says to a question: the automatic answer, a transfer in service hours, or the truth out of hours. */
@ApplicationScoped
public class IvrReplies {

    /** What the IVR says back; a transfer is promised only while people serve the line. */
    public record IvrAnswer(boolean answered, String reply, String articleId,
            List<AnswerOutcome.CitationView> citations, boolean transferToAgent, boolean serviceOpen,
            Instant nextOpeningAt, boolean callbackOffered, boolean caseOffered) {
    }

    private static final String[] WEEKDAYS = { "周一", "周二", "周三", "周四", "周五", "周六", "周日" };

    private final ServiceHoursCalendar hours;
    private final IntakeConfig config;

    public IvrReplies(ServiceHoursCalendar hours, IntakeConfig config) {
        this.hours = hours;
        this.config = config;
    }

    public IvrAnswer reply(CallRecord call, AnswerOutcome a, Instant now) {
        boolean open = hours.isOpen(call.tenant, now);
        Instant next = open ? null : hours.nextOpening(call.tenant, now);
        if (a.kind() == AnswerOutcome.Kind.ANSWERED) {
            return new IvrAnswer(true, a.answer(), a.articleId(), a.citations(), false, open, next, false, false);
        }
        if (!open) {
            return new IvrAnswer(false, "您好，现在是非人工服务时间，人工服务暂停。" + opening(call.tenant, next)
                    + "您可以按1预约回电，工作时间内我们将按顺序回电；或按2登记您的问题，工作人员将在工作时间内办理并答复您。",
                    null, List.of(), false, false, next, true, true);
        }
        return new IvrAnswer(false, a.kind() == AnswerOutcome.Kind.UNAVAILABLE
                ? "您好，自助语音暂时无法回答，正在为您转接人工服务，请稍候。"
                : "您好，这个问题需要工作人员为您解答，正在为您转接人工服务，请稍候。",
                null, List.of(), true, true, null, false, false);
    }

    /** "人工服务将于10月8日（周四）09:00开放。" in the tenant's zone. */
    private String opening(String tenant, Instant next) {
        if (next == null) {
            return "";
        }
        var sh = tenant == null ? null : config.tenantHours().get(tenant);
        ZoneId zone = ZoneId.of((sh == null ? config.serviceHours() : sh).zone());
        ZonedDateTime t = next.atZone(zone);
        return "人工服务将于" + t.getMonthValue() + "月" + t.getDayOfMonth() + "日（"
                + WEEKDAYS[t.getDayOfWeek().getValue() - 1] + "）" + String.format("%02d:%02d", t.getHour(),
                        t.getMinute()) + "开放。";
    }
}
