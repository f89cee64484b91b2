package org.hotline.appraisal.staffing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Erlang C and A against the published reference values in APPRAISAL-STANDARDS.md (pyworkforce's test case). */
class StaffingTest {

    private static ErlangQuestion reference(Double maxOccupancy, double shrinkage, Double patience) {
        return new ErlangQuestion(100, 1800, 180, 20, 0.8, maxOccupancy, shrinkage, patience);
    }

    @Test
    void erlangBMatchesThePublishedTable() {
        assertEquals(0.022302, ErlangC.erlangB(16, 10), 5e-7);
        assertEquals(0.012949, ErlangC.erlangB(17, 10), 5e-7);
    }

    @Test
    void erlangCMatchesThePublishedValuesForThirteenFourteenAndFifteenAgents() {
        ErlangQuestion q = reference(null, 0, null);
        ErlangAnswer n13 = ErlangC.evaluate(q, 13);
        assertEquals(0.2853, n13.probabilityOfWaiting(), 5e-5);
        assertEquals(0.7956, n13.serviceLevel(), 5e-5);
        assertEquals(17.12, n13.averageSpeedOfAnswerSeconds(), 5e-3);
        ErlangAnswer n14 = ErlangC.evaluate(q, 14);
        assertEquals(0.1741, n14.probabilityOfWaiting(), 5e-5);
        assertEquals(0.8884, n14.serviceLevel(), 5e-5);
        assertEquals(7.84, n14.averageSpeedOfAnswerSeconds(), 5e-3);
        assertEquals(0.7143, n14.occupancy(), 5e-5);
        ErlangAnswer n15 = ErlangC.evaluate(q, 15);
        assertEquals(0.1020, n15.probabilityOfWaiting(), 5e-5);
        assertEquals(0.9415, n15.serviceLevel(), 5e-5);
        assertEquals(0.6667, n15.occupancy(), 5e-5);
    }

    @Test
    void eightyPercentInTwentySecondsNeedsFourteenAndMaxOccupancySeventyNeedsFifteen() {
        ErlangAnswer plain = Staffing.solve(reference(null, 0, null));
        assertEquals("ERLANG_C", plain.model());
        assertEquals(14, plain.agents());
        assertEquals(14, plain.scheduledAgents());
        assertEquals(10.0, plain.erlangs(), 1e-12);
        assertNull(plain.probabilityOfAbandoning());
        ErlangAnswer capped = Staffing.solve(reference(0.70, 0, null));
        assertEquals(15, capped.agents());
        assertEquals(0.6667, capped.occupancy(), 5e-5);
    }

    @Test
    void shrinkageRaisesTheAgentsToSchedule() {
        ErlangAnswer a = Staffing.solve(reference(null, 0.30, null));
        assertEquals(14, a.agents());
        assertEquals(20, a.scheduledAgents()); // 14 / 0.7 = 20 exactly
        assertEquals(19, Staffing.solve(reference(null, 0.25, null)).scheduledAgents()); // 14 / 0.75 = 18.67
    }

    @Test
    void erlangAWithInfinitelyPatientCallersEqualsErlangC() {
        ErlangQuestion patient = reference(null, 0, 1e12);
        for (int n = 11; n <= 16; n++) {
            ErlangAnswer c = ErlangC.evaluate(reference(null, 0, null), n);
            ErlangAnswer a = ErlangA.evaluate(patient, n);
            assertEquals(c.probabilityOfWaiting(), a.probabilityOfWaiting(), 1e-6, "Pw at " + n);
            assertEquals(c.serviceLevel(), a.serviceLevel(), 1e-6, "SL at " + n);
            assertEquals(c.averageSpeedOfAnswerSeconds(), a.averageSpeedOfAnswerSeconds(), 1e-4, "ASA at " + n);
            assertEquals(c.occupancy(), a.occupancy(), 1e-6, "occupancy at " + n);
            assertEquals(0, a.probabilityOfAbandoning(), 1e-6);
        }
        assertEquals(14, Staffing.solve(patient).agents());
    }

    @Test
    void callersWhoHangUpNeedFewerAgents() {
        // Independently computed (the same chain solved in Python with 4,000 steps): patience 60 s, 12 agents answer
        // 86.03 % within 20 s with 7.59 % hanging up; 11 agents answer 79.65 %.
        ErlangAnswer a = Staffing.solve(reference(null, 0, 60.0));
        assertEquals("ERLANG_A", a.model());
        assertEquals(12, a.agents());
        assertEquals(0.8603, a.serviceLevel(), 5e-4);
        assertEquals(0.0759, a.probabilityOfAbandoning(), 5e-4);
        assertEquals(0.7965, ErlangA.evaluate(reference(null, 0, 60.0), 11).serviceLevel(), 5e-4);
        assertEquals(13, Staffing.solve(reference(null, 0, 300.0)).agents());
    }

    @Test
    void noCallsNeedNoAgents() {
        ErlangAnswer a = Staffing.solve(new ErlangQuestion(0, 1800, 180, 20, 0.8, null, 0, null));
        assertEquals(0, a.agents());
        assertEquals(1.0, a.serviceLevel());
    }
}
