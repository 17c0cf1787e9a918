package org.dozvon.dialing;

import java.time.Duration;

import org.dozvon.telephony.PbxPort;
import org.dozvon.telephony.TelephonyProperties;
import org.dozvon.telephony.simulator.AmiSimulator;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * An AMI simulator over TCP whose behaviour a test changes: another simulator on the same port replaces it, which
 * the Dozvon connected to it sees as a PBX that went away and came back.
 */
public final class SwitchableSimulator implements AutoCloseable {

    private AmiSimulator current;
    private TelephonyProperties.Simulator behaviour;
    private final int port;

    public SwitchableSimulator(TelephonyProperties.Simulator behaviour) {
        this.current = new AmiSimulator(behaviour, TelephonyProperties.SIMULATOR_USERNAME,
                TelephonyProperties.SIMULATOR_SECRET).start();
        this.behaviour = behaviour;
        this.port = current.port();
    }

    /** Outcome weights and times with everything else at zero: {@code answer} and {@code congestion} in parts. */
    public static TelephonyProperties.Simulator behaviour(int answer, int congestion, Duration talk) {
        return new TelephonyProperties.Simulator(0, 11L, answer, 0, 0, 0, congestion, 0, Duration.ofMillis(100),
                Duration.ofMillis(100), talk, talk, Duration.ofMillis(100), Duration.ofMillis(100));
    }

    public AmiSimulator current() {
        return current;
    }

    public String host() {
        return current.host();
    }

    public int port() {
        return port;
    }

    /** The settings a Dozvon needs to dial this simulator. */
    public String[] dozvonSettings() {
        return new String[] {"dozvon.telephony.ami-host=" + host(), "dozvon.telephony.ami-port=" + port,
                "dozvon.telephony.ami-username=" + TelephonyProperties.SIMULATOR_USERNAME,
                "dozvon.telephony.ami-password=" + TelephonyProperties.SIMULATOR_SECRET};
    }

    /** Behaves so from now on: another simulator on the same port, the application's port logged in to it. */
    public void become(TelephonyProperties.Simulator wanted, ConfigurableApplicationContext app) throws InterruptedException {
        if (behaviour == wanted) {
            return;
        }
        TelephonyProperties.Simulator onPort = new TelephonyProperties.Simulator(port, wanted.seed(), wanted.answer(),
                wanted.busy(), wanted.noAnswer(), wanted.rejected(), wanted.congestion(), wanted.machine(),
                wanted.ringTimeMin(), wanted.ringTimeMax(), wanted.talkTimeMin(), wanted.talkTimeMax(), wanted.amdTime(),
                wanted.operatorAnswerTime());
        current.close();
        current = new AmiSimulator(onPort, TelephonyProperties.SIMULATOR_USERNAME, TelephonyProperties.SIMULATOR_SECRET).start();
        behaviour = wanted;
        PbxPort pbx = app.getBean(PbxPort.class);
        DialingFixture.await("Dozvon logged in to the new simulator", Duration.ofSeconds(60),
                () -> pbx.connected() && current.loggedInClients() == 1);
    }

    @Override
    public void close() {
        current.close();
    }
}
