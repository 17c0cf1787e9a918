package org.dozvon.telephony;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import org.dozvon.telephony.ami.AmiPbxAdapter;
import org.dozvon.telephony.simulator.AmiSimulator;

/**
 * The PBX port of the application: the AMI adapter, connected to the configured Asterisk, or, with no
 * AMI host, to Dozvon's own AMI simulator started here on the loopback interface. Either way the
 * adapter speaks AMI over TCP.
 */
@Configuration(proxyBeanMethods = false)
class TelephonyConfiguration {

    @Bean(destroyMethod = "close")
    @Conditional(Simulated.class)
    AmiSimulator amiSimulator(TelephonyProperties properties) {
        return new AmiSimulator(properties.simulator(), TelephonyProperties.SIMULATOR_USERNAME,
                TelephonyProperties.SIMULATOR_SECRET).start();
    }

    @Bean(destroyMethod = "close")
    AmiPbxAdapter pbxPort(TelephonyProperties properties, ObjectProvider<AmiSimulator> simulator,
                          ObjectProvider<Clock> clock) {
        AmiSimulator running = properties.simulated() ? simulator.getObject() : null;
        AmiPbxAdapter.Settings settings = running != null
                ? new AmiPbxAdapter.Settings(running.host(), running.port(), TelephonyProperties.SIMULATOR_USERNAME,
                TelephonyProperties.SIMULATOR_SECRET, properties.dialString(), properties.dialplanContext(),
                properties.keepAlive(), properties.responseTimeout())
                : new AmiPbxAdapter.Settings(properties.amiHost(), properties.amiPort(),
                nullToEmpty(properties.amiUsername()), nullToEmpty(properties.amiPassword()), properties.dialString(),
                properties.dialplanContext(), properties.keepAlive(), properties.responseTimeout());
        return new AmiPbxAdapter(settings, clock.getIfAvailable(Clock::systemUTC)).start();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    /** No AMI host configured. */
    static final class Simulated implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String host = context.getEnvironment().getProperty("dozvon.telephony.ami-host", "");
            return host.isBlank();
        }
    }
}
