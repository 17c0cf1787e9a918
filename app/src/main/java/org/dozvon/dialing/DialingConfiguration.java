package org.dozvon.dialing;

import java.time.Clock;

import org.dozvon.campaigns.Campaigns;
import org.dozvon.telephony.PbxPort;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionTemplate;

/** The dialer of this instance, started once the application is ready (after Flyway and the engine). */
@Configuration(proxyBeanMethods = false)
class DialingConfiguration {

    /** Until the pacers with operators arrive, every campaign dials all its free lines (agentless). */
    @Bean
    CampaignPacers campaignPacers() {
        return campaign -> CampaignPacer.agentless();
    }

    @Bean
    Dialer dialer(DialingProperties properties, PbxPort port, DialQueue queue, CallAttemptStore attempts,
                  ConnectorStore connectors, Campaigns campaigns, CampaignPacers pacers, CallerIdChoice callerIds,
                  AttemptOutcomes outcomes, TransactionTemplate transactions, ApplicationEventPublisher publisher,
                  Clock clock) {
        return new Dialer(properties, port, queue, attempts, connectors, campaigns, pacers, callerIds, outcomes,
                transactions, publisher, clock);
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
