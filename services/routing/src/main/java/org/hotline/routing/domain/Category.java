package org.hotline.routing.domain;

/** The five services of the 12393 line: 政策解答, 数据检索, 线上预审, 问题反馈 (complaints and reports), 民意征集. */
public enum Category { POLICY, DATA_LOOKUP, PRE_REVIEW, FEEDBACK, OPINION }
