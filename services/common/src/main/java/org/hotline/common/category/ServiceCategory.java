package org.hotline.common.category;

import java.util.Locale;
import java.util.Optional;

/**
 * The five services of the 12393 line: the one vocabulary every service, API, event and Open311 service code uses
 * (mirrors {@code hotline.common.v1.ServiceCategory} in the contracts).
 */
public enum ServiceCategory {
    /** 政策解答: policy answers. */
    POLICY_ANSWER("政策解答", "Policy answers"),
    /** 数据检索: agency addresses and phones, personal or employer insurance status. */
    DATA_LOOKUP("数据检索", "Data look-up"),
    /** 线上预审: online pre-review of applications (transfers, code changes, cross-province care registration). */
    ONLINE_PRE_REVIEW("线上预审", "Online pre-review"),
    /** 问题反馈: complaints and reports. */
    FEEDBACK("问题反馈", "Complaints and reports"),
    /** 民意征集: opinion collection. */
    OPINION("民意征集", "Opinion collection");

    private final String chineseName;
    private final String englishName;

    ServiceCategory(String chineseName, String englishName) {
        this.chineseName = chineseName;
        this.englishName = englishName;
    }

    public String chineseName() {
        return chineseName;
    }

    public String englishName() {
        return englishName;
    }

    /** The category named by its code (any case) or its Chinese name; empty for anything else. */
    public static Optional<ServiceCategory> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        for (ServiceCategory category : values()) {
            if (category.name().equals(trimmed.toUpperCase(Locale.ROOT)) || category.chineseName.equals(trimmed)) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }
}
