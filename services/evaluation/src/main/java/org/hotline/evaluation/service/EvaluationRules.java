package org.hotline.evaluation.service;

/**
 * The rules applied when an evaluation is submitted (docs/evaluation.md):
 * <ul>
 * <li>complainant unsatisfied and evaluator unsatisfied on the first round: rework (退回重办);</li>
 * <li>the same after rework (second round): supervision (督办);</li>
 * <li>the two verdicts disagree: the case goes on the next hearing's agenda (听证会);</li>
 * <li>otherwise nothing.</li>
 * </ul>
 * "Basically satisfied" (基本满意) counts as satisfied. The complainant's verdict is the one the evaluator collected, or
 * routing's callback result when the complainant could not be reached.
 */
public final class EvaluationRules {

    /** Outcome names (the proto's EvaluationOutcome). */
    public enum Outcome { NO_ACTION, REWORK, SUPERVISION, HEARING }

    private EvaluationRules() {
    }

    public static Outcome decide(int round, String complainantVerdict, String evaluatorVerdict) {
        boolean complainantUnsatisfied = "UNSATISFIED".equals(complainantVerdict);
        boolean evaluatorUnsatisfied = "UNSATISFIED".equals(evaluatorVerdict);
        if (complainantUnsatisfied && evaluatorUnsatisfied) {
            return round <= 1 ? Outcome.REWORK : Outcome.SUPERVISION;
        }
        if (complainantVerdict != null && complainantUnsatisfied != evaluatorUnsatisfied) {
            return Outcome.HEARING;
        }
        return Outcome.NO_ACTION;
    }
}
