package org.hotline.intake.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hotline.common.category.ServiceCategory;

/** Puts a contact's words into one of the five services by keyword rules (first matching rule wins). */
@ApplicationScoped
public class ContactCategories {

    // Complaints and reports first: a complaint that also asks a question still needs a department.
    private static final List<String> FEEDBACK = List.of("投诉", "举报", "推诿", "态度差", "不作为", "乱收费", "骗保",
            "刁难", "打不通", "没人接", "不满意");
    private static final List<String> OPINION = List.of("建议", "意见", "希望增加", "希望能", "呼吁");
    private static final List<String> DATA_LOOKUP = List.of("查询", "余额", "缴费记录", "参保状态", "电话是多少",
            "地址", "在哪", "哪里办", "联系方式", "查一下", "到账");
    private static final List<String> PRE_REVIEW = List.of("申请", "预审", "提交材料", "办理转移", "帮我办", "帮我备案",
            "变更", "我要备案");
    private static final List<String> QUESTION = List.of("怎么", "如何", "什么", "吗", "哪些", "能否", "可以", "?", "？");

    /** The service the text belongs to; questions about a procedure are policy answers, requests to do it pre-review. */
    public ServiceCategory categorise(String text) {
        String t = text == null ? "" : text;
        if (any(t, FEEDBACK)) {
            return ServiceCategory.FEEDBACK;
        }
        if (any(t, OPINION)) {
            return ServiceCategory.OPINION;
        }
        if (any(t, DATA_LOOKUP)) {
            return ServiceCategory.DATA_LOOKUP;
        }
        if (any(t, PRE_REVIEW) && !any(t, QUESTION)) {
            return ServiceCategory.ONLINE_PRE_REVIEW;
        }
        return ServiceCategory.POLICY_ANSWER;
    }

    /** Whether knowledge may answer it automatically (complaints and opinions always go to people). */
    public boolean answerable(ServiceCategory category) {
        return category == ServiceCategory.POLICY_ANSWER || category == ServiceCategory.DATA_LOOKUP;
    }

    private static boolean any(String text, List<String> words) {
        return words.stream().anyMatch(text::contains);
    }
}
