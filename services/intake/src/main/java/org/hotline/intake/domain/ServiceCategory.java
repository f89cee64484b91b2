package org.hotline.intake.domain;

/** The five 12393 services a contact is categorised into; the names are routing's work-order categories. */
public enum ServiceCategory {
    /** 政策解答 */
    POLICY("政策解答"),
    /** 数据检索 */
    DATA_LOOKUP("数据检索"),
    /** 线上预审 */
    PRE_REVIEW("线上预审"),
    /** 问题反馈: complaints and reports */
    FEEDBACK("问题反馈"),
    /** 民意征集 */
    OPINION("民意征集");

    private final String chineseName;

    ServiceCategory(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }
}
