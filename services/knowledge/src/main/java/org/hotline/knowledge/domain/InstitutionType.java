package org.hotline.knowledge.domain;

/** Kinds of directory entries. */
public enum InstitutionType {
    /** 医保经办机构. */
    AGENCY,
    /** 服务窗口 / 便民服务点. */
    SERVICE_WINDOW,
    /** 定点医疗机构. */
    HOSPITAL,
    /** 定点零售药店. */
    PHARMACY
}
