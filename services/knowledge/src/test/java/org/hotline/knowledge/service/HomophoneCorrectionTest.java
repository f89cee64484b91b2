package org.hotline.knowledge.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Homophone correction mends speech-to-text slips but never cuts into an everyday question word. */
class HomophoneCorrectionTest {

    private static HomophoneCorrection knowing(String... words) {
        HomophoneCorrection c = new HomophoneCorrection();
        for (String w : words) {
            c.learn(w);
        }
        return c;
    }

    @Test
    void aSpeechToTextSlipBecomesTheArticlesWord() {
        HomophoneCorrection c = knowing("异地", "备案", "就医");
        assertEquals("异地就医怎么备案", c.correct("意地就医怎么被案"));
    }

    @Test
    void whatCanIDoIsNotReadAsDoingBusiness() {
        // 办什 sounds like 办事: without the guard "12393能帮我办什么" became "12393能帮我办事么".
        HomophoneCorrection c = knowing("办事", "事么", "怎办", "多少钱");
        assertEquals("12393能帮我办什么", c.correct("12393能帮我办什么"));
        assertEquals("为什么不能报销", c.correct("为什么不能报销"));
        assertEquals("一年交多少钱", c.correct("一年交多少钱"));
    }
}
