package org.hotline.evaluation.domain;

/** The evaluator's verdict on the handling of a case. */
public enum EvaluationVerdict {
    /** 满意. */
    SATISFIED,
    /** 不满意: with the complainant also unsatisfied, the case goes back for rework (退回重办). */
    UNSATISFIED
}
