package org.hotline.evaluation.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.evaluation.assignment.AssignmentPlanner.CaseInput;
import org.hotline.evaluation.assignment.AssignmentPlanner.Conflict;
import org.hotline.evaluation.assignment.AssignmentPlanner.ConflictKind;
import org.hotline.evaluation.assignment.AssignmentPlanner.EvaluatorInput;
import org.hotline.evaluation.assignment.AssignmentPlanner.Plan;

/**
 * The weekly assignment over 500 cases and 30 evaluators with random conflicts (own cases, estates, addresses,
 * units, people): no evaluator gets a conflicted case, loads stay within capacity, every case is assigned or has a
 * reason, and the same seed gives the same plan.
 */
class AssignmentPlannerProperties {

    private static final String[] REGIONS = { "370300", "370302", "370303", "370100", "370200" };
    private static final String[] ESTATES = { "华光小区", "金晶花园", "联通小区", "齐盛苑", "颐泽花园", "新村东区" };

    /** A random week: cases with units, addresses and complainants; evaluators with capacities and conflicts. */
    record World(List<CaseInput> cases, List<EvaluatorInput> evaluators) {
    }

    static World world(long worldSeed) {
        Random r = new Random(worldSeed);
        List<UUID> units = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            units.add(new UUID(worldSeed, i));
        }
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            phones.add("139" + String.format("%08d", r.nextInt(100_000_000)));
        }
        List<CaseInput> cases = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String estate = ESTATES[r.nextInt(ESTATES.length)];
            cases.add(new CaseInput(new UUID(worldSeed ^ 0x5a5a, i), REGIONS[r.nextInt(REGIONS.length)],
                    units.get(r.nextInt(units.size())), units.get(r.nextInt(units.size())),
                    "山东省淄博市张店区" + estate + (1 + r.nextInt(30)) + "号楼",
                    PhoneNumber.mask(phones.get(r.nextInt(phones.size())))));
        }
        List<EvaluatorInput> evaluators = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            List<Conflict> conflicts = new ArrayList<>();
            int n = r.nextInt(4);
            for (int k = 0; k < n; k++) {
                switch (r.nextInt(4)) {
                    case 0 -> conflicts.add(new Conflict(ConflictKind.ESTATE, ESTATES[r.nextInt(ESTATES.length)]));
                    case 1 -> conflicts.add(new Conflict(ConflictKind.UNIT, units.get(r.nextInt(units.size())).toString()));
                    case 2 -> conflicts.add(new Conflict(ConflictKind.PERSON, phones.get(r.nextInt(phones.size()))));
                    default -> conflicts.add(new Conflict(ConflictKind.ADDRESS,
                            ESTATES[r.nextInt(ESTATES.length)] + (1 + r.nextInt(30)) + "号楼"));
                }
            }
            String region = r.nextInt(5) == 0 ? "370000" : REGIONS[r.nextInt(REGIONS.length)];
            // Some evaluators filed complaints themselves: their own number is among the complainants'.
            String own = r.nextInt(3) == 0 ? phones.get(r.nextInt(phones.size())) : null;
            evaluators.add(new EvaluatorInput(new UUID(worldSeed ^ 0xe7a1, i), List.of(region), 5 + r.nextInt(20),
                    r.nextInt(3), own, conflicts));
        }
        return new World(cases, evaluators);
    }

    @Property(tries = 25)
    void noConflictNoOverloadEveryCaseAccountedForAndReproducible(@ForAll @LongRange(min = 1, max = 1_000_000) long worldSeed,
            @ForAll long runSeed) {
        World w = world(worldSeed);
        Plan plan = AssignmentPlanner.plan(w.cases(), w.evaluators(), runSeed);

        Map<UUID, CaseInput> cases = new HashMap<>();
        w.cases().forEach(c -> cases.put(c.id(), c));
        Map<UUID, EvaluatorInput> evaluators = new HashMap<>();
        w.evaluators().forEach(e -> evaluators.put(e.id(), e));

        // Each case once: assigned or unassigned with a reason, never both.
        Set<UUID> seen = new HashSet<>(plan.assigned().keySet());
        plan.unassigned().keySet().forEach(id -> assertTrue(seen.add(id), "case twice in the plan: " + id));
        assertEquals(cases.keySet(), seen);
        assertFalse(plan.assigned().isEmpty(), "a world with 30 evaluators assigns something");

        Map<UUID, Integer> load = new HashMap<>();
        w.evaluators().forEach(e -> load.put(e.id(), e.load()));
        plan.assigned().forEach((caseId, evaluatorId) -> {
            EvaluatorInput e = evaluators.get(evaluatorId);
            CaseInput c = cases.get(caseId);
            assertFalse(AssignmentPlanner.conflicted(e, c), "conflicted case " + caseId + " given to " + evaluatorId);
            if (e.phone() != null) {
                assertFalse(PhoneNumber.mask(e.phone()).equals(c.citizenPhoneMasked()), "own case given");
            }
            for (Conflict k : e.conflicts()) {
                if (k.kind() == ConflictKind.ESTATE) {
                    assertFalse(c.address().contains(k.value()), "declared estate given");
                }
                if (k.kind() == ConflictKind.UNIT) {
                    assertFalse(k.value().equals(c.unitId().toString())
                            || k.value().equals(c.firstResponsibleUnitId().toString()), "declared unit given");
                }
            }
            load.merge(evaluatorId, 1, Integer::sum);
        });
        load.forEach((id, n) -> assertTrue(n <= Math.max(evaluators.get(id).capacity(), evaluators.get(id).load()),
                "evaluator " + id + " over capacity: " + n));

        // A case left out is justified: nobody free of conflict has room.
        plan.unassigned().forEach((caseId, reason) -> {
            CaseInput c = cases.get(caseId);
            boolean someoneCould = w.evaluators().stream().anyMatch(e -> !AssignmentPlanner.conflicted(e, c)
                    && load.get(e.id()) < e.capacity());
            assertFalse(someoneCould, "case " + caseId + " left out (" + reason + ") although an evaluator had room");
        });

        // Same seed, same plan; the order of the inputs does not matter.
        List<CaseInput> shuffled = new ArrayList<>(w.cases());
        java.util.Collections.shuffle(shuffled, new Random(runSeed));
        List<EvaluatorInput> shuffledEvaluators = new ArrayList<>(w.evaluators());
        java.util.Collections.reverse(shuffledEvaluators);
        assertEquals(plan, AssignmentPlanner.plan(shuffled, shuffledEvaluators, runSeed));
    }

    @Property(tries = 10)
    void sameRegionFirstWhileALocalEvaluatorHasRoom(@ForAll @LongRange(min = 1, max = 1_000_000) long worldSeed) {
        World w = world(worldSeed);
        Plan plan = AssignmentPlanner.plan(w.cases(), w.evaluators(), worldSeed);
        Map<UUID, Integer> load = new HashMap<>();
        w.evaluators().forEach(e -> load.put(e.id(), e.load()));
        Map<UUID, CaseInput> cases = new HashMap<>();
        w.cases().forEach(c -> cases.put(c.id(), c));
        Map<UUID, EvaluatorInput> evaluators = new HashMap<>();
        w.evaluators().forEach(e -> evaluators.put(e.id(), e));
        // Replay the plan in its order: whenever a case went outside its region, no local evaluator had room.
        plan.assigned().forEach((caseId, evaluatorId) -> {
            CaseInput c = cases.get(caseId);
            if (!AssignmentPlanner.covers(evaluators.get(evaluatorId).regions(), c.regionCode())) {
                boolean localFree = w.evaluators().stream().anyMatch(e -> AssignmentPlanner.covers(e.regions(),
                        c.regionCode()) && !AssignmentPlanner.conflicted(e, c) && load.get(e.id()) < e.capacity());
                assertFalse(localFree, "case " + caseId + " sent out of region while a local evaluator had room");
            }
            load.merge(evaluatorId, 1, Integer::sum);
        });
    }

    @Property(tries = 10)
    void loadsAreBalancedByCapacity(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        // One region, no conflicts, room for everything: loads relative to capacity stay within two cases of proportional.
        List<CaseInput> cases = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            cases.add(new CaseInput(new UUID(seed, i), "370300", null, null, null, null));
        }
        List<EvaluatorInput> evaluators = List.of(
                new EvaluatorInput(new UUID(1, seed), List.of("370300"), 20, 0, null, List.of()),
                new EvaluatorInput(new UUID(2, seed), List.of("370300"), 40, 0, null, List.of()),
                new EvaluatorInput(new UUID(3, seed), List.of("370300"), 80, 0, null, List.of()));
        Plan plan = AssignmentPlanner.plan(cases, evaluators, seed);
        Map<UUID, Long> counts = new HashMap<>();
        plan.assigned().values().forEach(id -> counts.merge(id, 1L, Long::sum));
        assertEquals(100, plan.assigned().size());
        for (EvaluatorInput e : evaluators) {
            double expected = 100.0 * e.capacity() / 140;
            assertTrue(Math.abs(counts.get(e.id()) - expected) <= 2.0,
                    "load " + counts.get(e.id()) + " of capacity " + e.capacity() + ", expected about " + expected);
        }
    }

    @Property(tries = 10)
    void secondRoundsGoBackToTheFirstEvaluatorOnlyWithinCapacityAndFreeOfConflict(
            @ForAll @LongRange(min = 1, max = 1_000_000) long worldSeed) {
        // After a weekly run of 250 cases, 200 reworked cases come back one by one, each naming its first round's
        // evaluator, until capacity runs out.
        World w = world(worldSeed);
        Plan weekly = AssignmentPlanner.plan(w.cases().subList(0, 250), w.evaluators(), worldSeed);
        Map<UUID, Integer> load = new HashMap<>();
        w.evaluators().forEach(e -> load.put(e.id(), e.load()));
        weekly.assigned().values().forEach(id -> load.merge(id, 1, Integer::sum));
        Random r = new Random(worldSeed);
        int backToFirst = 0;
        int elsewhere = 0;
        int unassigned = 0;
        for (CaseInput c : w.cases().subList(250, 450)) {
            UUID first = w.evaluators().get(r.nextInt(w.evaluators().size())).id();
            List<EvaluatorInput> now = w.evaluators().stream().map(e -> new EvaluatorInput(e.id(), e.regions(),
                    e.capacity(), load.get(e.id()), e.phone(), e.conflicts())).toList();
            Plan plan = AssignmentPlanner.secondRound(c, first, now, worldSeed + c.id().getLeastSignificantBits());
            assertEquals(plan, AssignmentPlanner.secondRound(c, first, now, worldSeed + c.id().getLeastSignificantBits()),
                    "same seed, same choice");
            EvaluatorInput firstNow = now.stream().filter(e -> e.id().equals(first)).findFirst().orElseThrow();
            boolean firstEligible = !AssignmentPlanner.conflicted(firstNow, c) && firstNow.load() < firstNow.capacity();
            UUID chosen = plan.assigned().get(c.id());
            if (chosen == null) {
                assertTrue(plan.unassigned().containsKey(c.id()), "an unassigned second round has a reason");
                assertFalse(now.stream().anyMatch(e -> !AssignmentPlanner.conflicted(e, c) && e.load() < e.capacity()),
                        "second round of " + c.id() + " left unassigned although an evaluator had room");
                unassigned++;
                continue;
            }
            EvaluatorInput e = now.stream().filter(x -> x.id().equals(chosen)).findFirst().orElseThrow();
            assertFalse(AssignmentPlanner.conflicted(e, c), "second round given to a conflicted evaluator");
            assertTrue(e.load() < e.capacity(), "second round given beyond capacity: " + e.load() + "/" + e.capacity());
            if (firstEligible) {
                assertEquals(first, chosen, "the first evaluator, free and with room, keeps the case");
                backToFirst++;
            } else {
                assertTrue(!chosen.equals(first), "an ineligible first evaluator does not get it");
                elsewhere++;
            }
            load.merge(chosen, 1, Integer::sum);
        }
        load.forEach((id, n) -> {
            EvaluatorInput e = w.evaluators().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            assertTrue(n <= Math.max(e.capacity(), e.load()), "evaluator " + id + " over capacity after second rounds");
        });
        assertTrue(backToFirst > 0, "some second rounds went back to their first evaluator");
        assertTrue(elsewhere + unassigned > 0, "some first evaluators were full or conflicted");
    }
}
