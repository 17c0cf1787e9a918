package org.dozvon.dialing;

import java.time.Clock;

import org.dozvon.campaigns.CampaignDialing;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.telephony.PbxPort;
import org.dozvon.telephony.pacing.PredictivePacer;
import org.dozvon.telephony.pacing.ProgressivePacer;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionTemplate;

/** The dialer of this instance, started once the application is ready (after Flyway and the engine). */
@Configuration(proxyBeanMethods = false)
class DialingConfiguration {

    /**
     * Agentless campaigns dial every free line; progressive ones the adaptive progressive pacer (from the campaign's
     * lines per operator up to 5); predictive ones the predictive pacer the pacing benchmark measures; preview
     * campaigns dial per reserved operator, not through a pacer.
     */
    @Bean
    CampaignPacers campaignPacers(Clock clock) {
        return campaign -> {
            CampaignDialing dialing = campaign.settings().dialing();
            double target = dialing.abandonTarget() / 100;
            return switch (dialing.mode()) {
                case AGENTLESS -> CampaignPacer.agentless();
                case PREVIEW -> lines -> 0;
                case PROGRESSIVE -> new OperatorPacer(ProgressivePacer.adaptive(dialing.linesPerOperator(),
                        Math.max(dialing.linesPerOperator(), 5)), target, clock.instant());
                case PREDICTIVE -> new OperatorPacer(new PredictivePacer(), target, clock.instant());
            };
        };
    }

    @Bean
    Dialer dialer(DialingProperties properties, PbxPort port, DialQueue queue, CallAttemptStore attempts,
                  ConnectorStore connectors, Campaigns campaigns, CampaignPacers pacers, CallerIdChoice callerIds,
                  AttemptOutcomes outcomes, OperatorPool operators, TransactionTemplate transactions,
                  ApplicationEventPublisher publisher, Alerts alerts, Clock clock) {
        return new Dialer(properties, port, queue, attempts, connectors, campaigns, pacers, callerIds, outcomes,
                operators, transactions, publisher, alerts, clock);
    }

    @Bean
    DialerStart dialerStart(Dialer dialer, DialingProperties properties) {
        return new DialerStart(dialer, properties);
    }

    record DialerStart(Dialer dialer, DialingProperties properties) {
        @EventListener(ApplicationReadyEvent.class)
        public void start() {
            if (properties.enabled()) {
                dialer.start();
            }
        }
    }
}
