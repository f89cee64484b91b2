package org.hotline.intake.rest;

import java.time.Instant;
import java.util.UUID;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.intake.domain.CallRecord;
import org.hotline.intake.domain.Callback;
import org.hotline.intake.domain.Contact;
import org.hotline.intake.domain.HandOff;

/** A call's record (可回溯): every timestamp, the agent, region, category, outcome, recording and linked work order. */
public record CallView(String callId, UUID contactId, String tenant, String regionCode, String state, int priority,
        String callerNumber, String dialedNumber, Instant offeredAt, Instant queuedAt, Instant answeredAt,
        Instant abandonedAt, Instant endedAt, String agentId, String category, String summary, String outcome,
        String recordingRef, CaseView handOff, CallbackView callback, Boolean repeatedEvent) {

    public static CallView of(CallRecord c, Contact contact, HandOff h, Callback cb, boolean masked, Boolean repeated) {
        String caller = contact == null ? null : masked ? PhoneNumber.mask(contact.callerNumber) : contact.callerNumber;
        return new CallView(c.callId, c.contactId, c.tenant, c.regionCode, c.state(), c.priority, caller,
                contact == null ? null : contact.dialedNumber, c.offeredAt, c.queuedAt, c.answeredAt, c.abandonedAt,
                c.endedAt, c.agentId, c.category == null ? null : c.category.name(), c.summary,
                c.outcome == null ? null : c.outcome.name(), c.recordingRef, h == null ? null : CaseView.of(h),
                cb == null ? null : CallbackView.of(cb, masked), repeated);
    }
}
