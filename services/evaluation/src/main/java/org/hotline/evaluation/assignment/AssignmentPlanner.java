package org.hotline.evaluation.assignment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.hotline.common.phone.PhoneNumber;

/**
 * The weekly assignment as a pure function: each case to at most one evaluator, never one with a conflict, within
 * capacity, same region first, balanced by load relative to capacity, and the same seed gives the same plan.
 */
public final class AssignmentPlanner {

    /** Why a case could not be assigned. */
    public enum Reason {
        /** The tenant has no active evaluator. */
        NO_ACTIVE_EVALUATOR,
        /** Every active evaluator has a conflict with the case (filed it, address, estate, unit, person). */
        ALL_CONFLICTED,
        /** Every evaluator without a conflict has reached their weekly capacity. */
        CAPACITY_EXHAUSTED
    }

    /** What a declaration names (mirrors the stored kinds). */
    public enum ConflictKind { ADDRESS, ESTATE, UNIT, PERSON }

    /** A case as the planner sees it. */
    public record CaseInput(UUID id, String regionCode, UUID unitId, UUID firstResponsibleUnitId, String address,
            String citizenPhoneMasked) {
    }

    /** A declared conflict. */
    public record Conflict(ConflictKind kind, String value) {
    }

    /** An active evaluator with the cases already given to them this week. */
    public record EvaluatorInput(UUID id, List<String> regions, int capacity, int load, String phone,
            List<Conflict> conflicts) {
    }

    /** The plan: case -> evaluator in assignment order, and case -> reason for the others. */
    public record Plan(Map<UUID, UUID> assigned, Map<UUID, Reason> unassigned) {
    }

    private AssignmentPlanner() {
    }

    public static Plan plan(List<CaseInput> cases, List<EvaluatorInput> evaluators, long seed) {
        List<CaseInput> order = new ArrayList<>(cases);
        order.sort(Comparator.comparing(CaseInput::id));
        Collections.shuffle(order, new Random(seed));

        List<EvaluatorInput> ranked = new ArrayList<>(evaluators);
        ranked.sort(Comparator.comparing(EvaluatorInput::id));
        Collections.shuffle(ranked, new Random(seed * 31 + 17));
        Map<UUID, Integer> rank = new HashMap<>();
        Map<UUID, Integer> load = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            rank.put(ranked.get(i).id(), i);
            load.put(ranked.get(i).id(), Math.max(0, ranked.get(i).load()));
        }
        Comparator<EvaluatorInput> lightest = Comparator
                .comparingDouble((EvaluatorInput e) -> (double) load.get(e.id()) / e.capacity())
                .thenComparingInt(e -> load.get(e.id()))
                .thenComparingInt(e -> rank.get(e.id()));

        Map<UUID, UUID> assigned = new LinkedHashMap<>();
        Map<UUID, Reason> unassigned = new LinkedHashMap<>();
        for (CaseInput c : order) {
            if (ranked.isEmpty()) {
                unassigned.put(c.id(), Reason.NO_ACTIVE_EVALUATOR);
                continue;
            }
            List<EvaluatorInput> free = ranked.stream().filter(e -> !conflicted(e, c)).toList();
            if (free.isEmpty()) {
                unassigned.put(c.id(), Reason.ALL_CONFLICTED);
                continue;
            }
            List<EvaluatorInput> open = free.stream().filter(e -> load.get(e.id()) < e.capacity()).toList();
            if (open.isEmpty()) {
                unassigned.put(c.id(), Reason.CAPACITY_EXHAUSTED);
                continue;
            }
            List<EvaluatorInput> local = open.stream().filter(e -> covers(e.regions(), c.regionCode())).toList();
            EvaluatorInput chosen = (local.isEmpty() ? open : local).stream().min(lightest).orElseThrow();
            assigned.put(c.id(), chosen.id());
            load.merge(chosen.id(), 1, Integer::sum);
        }
        return new Plan(assigned, unassigned);
    }

    /**
     * The second round of a reworked case that came back: to the first round's evaluator while they are in
     * {@code evaluators} (active), free of conflict now and have room this week; otherwise planned like a weekly case
     * over all of them (conflicts excluded, within capacity, same region first, balanced), or unassigned with the
     * reason.
     */
    public static Plan secondRound(CaseInput c, UUID firstEvaluator, List<EvaluatorInput> evaluators, long seed) {
        for (EvaluatorInput e : evaluators) {
            if (e.id().equals(firstEvaluator) && !conflicted(e, c) && Math.max(0, e.load()) < e.capacity()) {
                return new Plan(Map.of(c.id(), e.id()), Map.of());
            }
        }
        return plan(List.of(c), evaluators, seed);
    }

    /** Whether a region list covers a 6-digit region: a province code covers its cities, a city its counties. */
    public static boolean covers(List<String> regions, String region) {
        if (region == null) {
            return false;
        }
        for (String r : regions) {
            if (r.endsWith("0000") ? region.startsWith(r.substring(0, 2))
                    : r.endsWith("00") ? region.startsWith(r.substring(0, 4)) : region.equals(r)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the evaluator must not get the case: they filed it, or it touches one of their declarations. */
    public static boolean conflicted(EvaluatorInput e, CaseInput c) {
        String casePhone = c.citizenPhoneMasked();
        if (casePhone != null && e.phone() != null && casePhone.equals(PhoneNumber.mask(e.phone()))) {
            return true;
        }
        String address = normal(c.address());
        for (Conflict k : e.conflicts()) {
            boolean hit = switch (k.kind()) {
                case UNIT -> k.value().equalsIgnoreCase(String.valueOf(c.unitId()))
                        || k.value().equalsIgnoreCase(String.valueOf(c.firstResponsibleUnitId()));
                case ADDRESS, ESTATE -> address != null && !normal(k.value()).isEmpty()
                        && address.contains(normal(k.value()));
                case PERSON -> casePhone != null && casePhone.equals(PhoneNumber.mask(k.value()));
            };
            if (hit) {
                return true;
            }
        }
        return false;
    }

    private static String normal(String s) {
        return s == null ? null : s.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
