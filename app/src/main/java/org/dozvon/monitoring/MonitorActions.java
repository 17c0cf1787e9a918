package org.dozvon.monitoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dozvon.Violation;
import org.dozvon.access.Audit;
import org.dozvon.access.DozvonUser;
import org.dozvon.agents.OperatorState;
import org.dozvon.agents.OperatorView;
import org.dozvon.agents.Operators;
import org.dozvon.campaigns.CampaignPace;
import org.dozvon.campaigns.CampaignRefusedException;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.dialing.CallControl;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The supervisor's forced actions on operators, calls and campaigns. Each is recorded in the audit journal with
 * the value before and after, in the same transaction as the change where the change is one (a PBX action is
 * recorded once the PBX has it). Each returns what to tell the supervisor: a message key and its arguments, and
 * whether it went through.
 */
@Service
class MonitorActions {

    private final Operators operators;
    private final Campaigns campaigns;
    private final CampaignPace campaignPace;
    private final CallControl calls;
    private final Audit audit;
    private final MonitorFeed feed;

    MonitorActions(Operators operators, Campaigns campaigns, CampaignPace pace, CallControl calls, Audit audit,
                   MonitorFeed feed) {
        this.operators = operators;
        this.campaignPace = pace;
        this.campaigns = campaigns;
        this.calls = calls;
        this.audit = audit;
        this.feed = feed;
    }

    /** What came of an action, for the panel's message. */
    record Outcome(boolean done, String messageKey, Object... arguments) {

        static Outcome done(String key, Object... arguments) {
            return new Outcome(true, key, arguments);
        }

        static Outcome refused(String key, Object... arguments) {
            return new Outcome(false, key, arguments);
        }
    }

    /** READY, NOT_READY or OFFLINE; a busy operator gets there after its call. */
    @Transactional
    Outcome changeState(DozvonUser by, OperatorView operator, OperatorState state) {
        Operators.StateChange change = state(by, operator, state);
        if (change == Operators.StateChange.NO_PHONE) {
            return Outcome.refused("monitor.action.noPhone", operator.name());
        }
        return Outcome.done("monitor.action.state." + change.name() + "." + state.name(), operator.name());
    }

    /** As {@link #changeState}, answering when the change takes effect ({@code operator.state} in the journal). */
    @Transactional
    Operators.StateChange state(DozvonUser by, OperatorView operator, OperatorState state) {
        Operators.StateChange change = operators.changeState(operator.id(), state);
        if (change != Operators.StateChange.NO_PHONE) {
            audit.record(by, "operator.state", "operator", operator.id(), Map.of("state", operator.state().name()),
                    Map.of("state", state.name(), "when", change.name()));
        }
        return change;
    }

    /** A stuck operator to NOT_READY at once; a call in progress is hung up first. */
    @Transactional
    Outcome reset(DozvonUser by, OperatorView operator) {
        CallControl.Result hangUp = null;
        if (operator.attemptId() != null && (operator.state() == OperatorState.IN_CALL
                || operator.state() == OperatorState.RINGING)) {
            hangUp = calls.hangUp(operator.attemptId());
        }
        Operators.StateChange change = operators.reset(operator.id());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("state", OperatorState.NOT_READY.name());
        after.put("when", change.name());
        if (hangUp != null) {
            after.put("hangUp", hangUp.name());
        }
        audit.record(by, "operator.reset", "operator", operator.id(), before(operator), after);
        feed.changed();
        return Outcome.done(change == Operators.StateChange.NOW ? "monitor.action.reset.now" : "monitor.action.reset.afterCall",
                operator.name());
    }

    @Transactional
    Outcome message(DozvonUser by, OperatorView operator, String text) {
        Operators.Saved saved = operators.sendMessage(operator.id(), text, by.displayName());
        if (!saved.ok()) {
            return Outcome.refused("monitor.action.message.bad");
        }
        audit.record(by, "operator.message", "operator", operator.id(), null, Map.of("text", text.strip()));
        return Outcome.done("monitor.action.message.sent", operator.name());
    }

    /** Ends the call the operator holds. */
    @Transactional
    Outcome hangUp(DozvonUser by, OperatorView operator) {
        if (operator.attemptId() == null || !(operator.state() == OperatorState.IN_CALL
                || operator.state() == OperatorState.RINGING)) {
            return Outcome.refused("monitor.action.noCall", operator.name());
        }
        CallControl.Result result = calls.hangUp(operator.attemptId());
        if (result != CallControl.Result.DONE) {
            return Outcome.refused(result == CallControl.Result.PBX_DOWN ? "monitor.action.pbxDown" : "monitor.action.noCall",
                    operator.name());
        }
        audit.record(by, "call.hang-up", "call", operator.attemptId(), null, Map.of("operatorId", operator.id()));
        feed.changed();
        return Outcome.done("monitor.action.hungUp", operator.name());
    }

    /** Ends the operator's wrap-up with a code of its campaign. */
    @Transactional
    Outcome setCode(DozvonUser by, OperatorView operator, String code, List<String> offered) {
        if (operator.state() != OperatorState.WRAP_UP || operator.attemptId() == null) {
            return Outcome.refused("monitor.action.notWrappingUp", operator.name());
        }
        if (code == null || !offered.contains(code)) {
            return Outcome.refused("monitor.action.badCode", code == null ? "" : code);
        }
        if (!operators.finishWrapUp(operator.id(), operator.attemptId(), code, null)) {
            return Outcome.refused("monitor.action.notWrappingUp", operator.name());
        }
        audit.record(by, "call.code", "call", operator.attemptId(), null, Map.of("code", code, "operatorId", operator.id()));
        feed.changed();
        return Outcome.done("monitor.action.codeSet", code, operator.name());
    }

    /** Pauses, resumes or stops a campaign; a refusal (an unacknowledged auto-stop…) is what the outcome says. */
    @Transactional
    Outcome lifecycle(DozvonUser by, CampaignView campaign, String action) {
        try {
            move(by, campaign, action);
        } catch (CampaignRefusedException e) {
            Violation first = e.violations().get(0);
            return Outcome.refused(first.messageKey(), first.arguments());
        }
        return Outcome.done("monitor.action.campaign." + action, campaign.name());
    }

    /**
     * Pauses ({@code pause}), resumes ({@code resume}) or stops ({@code stop}) a campaign, recorded as
     * {@code campaign.<action>}.
     *
     * @throws CampaignRefusedException when the campaign may not make that move
     */
    @Transactional
    CampaignView move(DozvonUser by, CampaignView campaign, String action) {
        CampaignView after = switch (action) {
            case "pause" -> campaigns.pause(campaign.id());
            case "resume" -> campaigns.resume(campaign.id());
            case "stop" -> campaigns.stop(campaign.id());
            default -> throw new IllegalArgumentException("no campaign action " + action);
        };
        audit.record(by, "campaign." + action, "campaign", campaign.id(), Map.of("status", campaign.status().name()),
                Map.of("status", after.status().name()));
        feed.changed();
        return after;
    }

    /** A new weight ({@code campaign.weight}); the same weight again records nothing. */
    @Transactional
    CampaignView weight(DozvonUser by, CampaignView campaign, int weight) {
        CampaignView after = campaigns.changeWeight(campaign.id(), weight);
        if (after.settings().weight() != campaign.settings().weight()) {
            audit.record(by, "campaign.weight", "campaign", campaign.id(), Map.of("weight", campaign.settings().weight()),
                    Map.of("weight", after.settings().weight()));
        }
        return after;
    }

    /** Changes lines per operator and the abandon target of a campaign, running or not. */
    @Transactional
    Outcome pace(DozvonUser by, CampaignView campaign, double linesPerOperator, double abandonTarget) {
        List<Violation> problems = campaignPace.change(campaign.id(), linesPerOperator, abandonTarget);
        if (!problems.isEmpty()) {
            return Outcome.refused(problems.get(0).messageKey(), problems.get(0).arguments());
        }
        audit.record(by, "campaign.pace", "campaign", campaign.id(),
                Map.of("linesPerOperator", campaign.settings().dialing().linesPerOperator(),
                        "abandonTarget", campaign.settings().dialing().abandonTarget()),
                Map.of("linesPerOperator", linesPerOperator, "abandonTarget", abandonTarget));
        return Outcome.done("monitor.action.paceSaved", campaign.name());
    }

    private static Map<String, Object> before(OperatorView operator) {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("state", operator.state().name());
        if (operator.attemptId() != null) {
            before.put("attemptId", operator.attemptId());
        }
        return before;
    }
}
