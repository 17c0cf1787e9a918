package org.dozvon.agents;

import java.util.List;
import java.util.Optional;

import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.dialing.CallControl;
import org.dozvon.dialing.IvrNumber;
import org.dozvon.dialing.IvrNumbers;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The workplace's call controls (the panel's block {@code arm/call-controls}): hang up, hold and resume, transfer
 * to an operator or an IVR number, manual dial, and the auto-answer switch. Each action answers with the panel,
 * as {@link ArmController}'s do; the block reads what it offers from this bean ({@code @armCallControls}).
 */
@Controller("armCallControls")
class ArmCallControls {

    private final ArmController arm;
    private final Operators operators;
    private final CallControl control;
    private final IvrNumbers ivrNumbers;
    private final Campaigns campaigns;

    ArmCallControls(ArmController arm, Operators operators, CallControl control, IvrNumbers ivrNumbers,
                    Campaigns campaigns) {
        this.arm = arm;
        this.operators = operators;
        this.control = control;
        this.ivrNumbers = ivrNumbers;
        this.campaigns = campaigns;
    }

    @PostMapping("/arm/hang-up")
    @RequiresPermission(Permission.WORKPLACE_USE)
    String hangUp(@AuthenticationPrincipal DozvonUser user, Model model) {
        return act(user, model, call -> control.hangUp(call));
    }

    @PostMapping("/arm/hold")
    @RequiresPermission(Permission.WORKPLACE_USE)
    String hold(@AuthenticationPrincipal DozvonUser user, Model model) {
        return act(user, model, call -> control.hold(call));
    }

    @PostMapping("/arm/resume")
    @RequiresPermission(Permission.WORKPLACE_USE)
    String resume(@AuthenticationPrincipal DozvonUser user, Model model) {
        return act(user, model, call -> control.resume(call));
    }

    /** Transfers the call to a READY operator ({@code operatorId}) or to an IVR number ({@code ivr}, its code). */
    @PostMapping("/arm/transfer")
    @RequiresPermission(Permission.WORKPLACE_USE)
    String transfer(@AuthenticationPrincipal DozvonUser user, @RequestParam(required = false) String target,
                    Model model) {
        if (target == null || target.isBlank()) {
            return arm.panel(user, model, "arm.error.transferTarget");
        }
        if (target.startsWith("ivr:")) {
            return act(user, model, call -> control.transferToIvr(call, target.substring(4)));
        }
        long operatorId;
        try {
            operatorId = Long.parseLong(target.startsWith("operator:") ? target.substring(9) : target);
        } catch (NumberFormatException e) {
            return arm.panel(user, model, "arm.error.transferTarget");
        }
        return act(user, model, call -> control.transferToOperator(call, operatorId));
    }

    /** A call outside the queue, to a number or a contact id, for a campaign (the operator's by default). */
    @PostMapping("/arm/manual-dial")
    @RequiresPermission(Permission.WORKPLACE_USE)
    String manualDial(@AuthenticationPrincipal DozvonUser user, @RequestParam(required = false) String number,
                      @RequestParam(required = false) String contactId, @RequestParam(required = false) Long campaignId,
                      Model model) {
        Optional<OperatorView> operator = operators.ofUser(user.id());
        if (operator.isEmpty()) {
            return arm.panel(user, model, null);
        }
        Long contact = null;
        if (contactId != null && !contactId.isBlank()) {
            try {
                contact = Long.parseLong(contactId.strip());
            } catch (NumberFormatException e) {
                return arm.panel(user, model, "arm.error.NO_CONTACT");
            }
        }
        if (contact == null && (number == null || number.isBlank())) {
            return arm.panel(user, model, "arm.error.manualTarget");
        }
        Long campaign = campaignId != null ? campaignId : operator.get().campaignId();
        if (campaign == null) {
            return arm.panel(user, model, "arm.error.NO_CAMPAIGN");
        }
        CallControl.Dialled dialled = control.manualDial(operator.get().id(), number, contact, campaign);
        return arm.panel(user, model, problem(dialled.result()));
    }

    @PostMapping("/arm/auto-answer")
    @RequiresPermission(Permission.WORKPLACE_USE)
    String autoAnswer(@AuthenticationPrincipal DozvonUser user, @RequestParam(defaultValue = "false") boolean on,
                      Model model) {
        operators.ofUser(user.id()).ifPresent(operator -> operators.autoAnswer(operator.id(), on));
        return arm.panel(user, model, null);
    }

    // ---------------------------------------------------------------- what the block offers

    /** Whether the operator's call is on hold. */
    public boolean held(OperatorView operator) {
        return operator != null && operator.attemptId() != null && control.held(operator.attemptId());
    }

    /** READY operators with a phone of the operator's campaign, to transfer to. */
    public List<OperatorView> transferTargets(OperatorView operator) {
        return operators.all().stream()
                .filter(o -> o.id() != operator.id() && o.state() == OperatorState.READY && o.endpoint() != null
                        && (operator.campaignId() == null || operator.campaignId().equals(o.campaignId())))
                .toList();
    }

    public List<IvrNumber> ivrNumbers() {
        return ivrNumbers.all();
    }

    /** The campaigns a manual call may be made for: the running ones. */
    public List<CampaignView> campaigns() {
        return campaigns.running();
    }

    // ----------------------------------------------------------------

    private String act(DozvonUser user, Model model, java.util.function.LongFunction<CallControl.Result> action) {
        Optional<OperatorView> operator = operators.ofUser(user.id())
                .filter(o -> o.attemptId() != null && !o.handedOver()
                        && (o.state() == OperatorState.IN_CALL || o.state() == OperatorState.RINGING));
        if (operator.isEmpty()) {
            return arm.panel(user, model, "arm.error.NO_CALL");
        }
        return arm.panel(user, model, problem(action.apply(operator.get().attemptId())));
    }

    private static String problem(CallControl.Result result) {
        return result == CallControl.Result.DONE ? null : "arm.error." + result.name();
    }
}
