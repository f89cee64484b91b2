package org.hotline.knowledge.service;

import java.util.regex.Pattern;

/**
 * Takes out what callers say about themselves by number (我的医保编号是123456789, 身份证号370302198001011234, 手机13905330000):
 * it identifies the caller, not the question, and its words (医保, 编号) only dilute how much of the question an
 * article covers, so the right article came back "not found".
 */
final class CallerNumbers {

    /** An optional "my ... number is" and a run of 7 or more digits (an 18-character ID may end in X). */
    private static final Pattern SELF = Pattern.compile(
            "(?:(?:我|本人)的?)?(?:医保|社保|参保|身份证|证件|手机|电话|联系电话|银行)?(?:卡|编码|编号|卡号|号码|账号|号)?"
                    + "(?:是|为|[:：])?\\s*\\d{7,}[Xx]?(?![\\dXx])[，,。；;、\\s]*");

    private CallerNumbers() {
    }

    /** {@code question} without the caller's own numbers and the words that introduce them. */
    static String strip(String question) {
        if (question.length() < 7) {
            return question;
        }
        String stripped = SELF.matcher(question).replaceAll("").strip();
        // A question that was only a number is left as it was: there is nothing else to search for.
        return stripped.isEmpty() ? question : stripped;
    }
}
