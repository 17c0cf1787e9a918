package org.dozvon.telephony.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.dozvon.telephony.TelephonyProperties;

/**
 * Dozvon's AMI simulator: a TCP server that speaks the Asterisk Manager Interface as Asterisk 22 does
 * (banner, Challenge/Login, CoreSettings, Ping, Originate with its events — ChanSpy originates of supervisors'
 * phones included —, Hangup, Redirect, Setvar, CoreShowChannels, DeviceStateList, Logoff), so that the AMI adapter
 * talks to it exactly as to a real PBX. Customers answer, are busy, do not answer... at the configured rates; operator
 * phones always answer.
 *
 * <p>Phones (device states): the simulator knows a phone of Dozvon's users once it has dialled it (an operator's leg,
 * a supervisor's) or once {@link #register(String)} or {@link #unregister(String)} named it. A known phone is
 * registered unless unregistered since (dialling it registers it again: simulated phones answer): NOT_INUSE, RINGING
 * while a leg to it rings, INUSE while one is up; unregistered it is UNAVAILABLE. Every change goes out as a
 * {@code DeviceStateChange} event, and {@code DeviceStateList} lists the known phones. A phone never dialled nor
 * named is unknown, as a device without a cached state is to Asterisk. Customers' legs report no device state.
 *
 * <p>The simulated PBX (its calls and channels) lives as long as this object; {@link #restart()} drops
 * every AMI connection and listens again on the same port while the calls go on, as when Asterisk's
 * manager module is reloaded or the network between Dozvon and Asterisk breaks.
 */
public final class AmiSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AmiSimulator.class);

    static final String BANNER = "Asterisk Call Manager/11.0.0";

    private final SimulatedPbx pbx;
    private final int requestedPort;
    private final InetAddress bindAddress;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile int port;

    /** A simulator accepting the user {@code username} with secret {@code secret}, listening on loopback. */
    public AmiSimulator(TelephonyProperties.Simulator settings, String username, String secret) {
        this.pbx = new SimulatedPbx(settings, username, secret, () -> sessions);
        this.requestedPort = settings.port();
        this.bindAddress = InetAddress.getLoopbackAddress();
    }

    /** Starts listening; returns this for chaining. */
    public synchronized AmiSimulator start() {
        listen(requestedPort);
        log.info("AMI simulator listening on {}:{}", bindAddress.getHostAddress(), port);
        return this;
    }

    /** The TCP port it listens on (the one picked when the setting was 0). */
    public int port() {
        return port;
    }

    public String host() {
        return bindAddress.getHostAddress();
    }

    /** How many AMI clients are logged in. */
    public int loggedInClients() {
        return (int) sessions.stream().filter(session -> session.loggedIn).count();
    }

    /** How many channels the simulated PBX has now. */
    public int channelCount() {
        return pbx.channelCount();
    }

    /**
     * While on, every customer answers and stays on the line until Dozvon hangs up, moves or transfers the call
     * (tests of call controls); off: the configured outcomes and talk times.
     */
    public void customersStay(boolean stay) {
        pbx.customersStay(stay);
    }

    /** The operator phones the dialplan rang with {@code DOZVON_AUTO_ANSWER=yes}, in order. */
    public java.util.List<String> autoAnswered() {
        return pbx.autoAnswered();
    }

    /**
     * How many Originate actions arrived for each call id ({@code ChannelId}) since the simulator started: a
     * value above 1 is a call dialled twice.
     */
    public java.util.Map<String, Integer> originates() {
        return pbx.originates();
    }

    /**
     * The supervisors' ChanSpy originates received since the simulator started, in order: which phone was rung to
     * spy on which channel (of which call) with which options.
     */
    public java.util.List<SpyRequest> spies() {
        return pbx.spies();
    }

    /**
     * The channel the supervisor's leg with this channel id spies on now (its phone answered and ChanSpy started on
     * a live channel), if it does.
     */
    public java.util.Optional<String> spyingOn(String spyChannelId) {
        return java.util.Optional.ofNullable(pbx.spiedBy(spyChannelId));
    }

    /**
     * The customer of an answered call in progress hangs up now, as after the talk time (for tests that need a
     * call to end at a chosen moment).
     *
     * @return false when the call is not in progress
     */
    public boolean customerHangsUp(String callId) {
        return pbx.customerHangsUp(callId);
    }

    /**
     * The phone registers (again): it becomes known, NOT_INUSE (or its in-use state while calls to it are up), and a
     * {@code DeviceStateChange} goes out when that changes its state. Returns once the event is sent.
     *
     * @param device as Asterisk names it, e.g. {@code PJSIP/101}
     */
    public void register(String device) {
        pbx.register(requireDevice(device));
    }

    /**
     * The phone's registration goes (unplugged, logged out): it becomes known and UNAVAILABLE, and a
     * {@code DeviceStateChange} goes out when that changes its state. Calls to it in progress go on. Returns once the
     * event is sent.
     */
    public void unregister(String device) {
        pbx.unregister(requireDevice(device));
    }

    /** The known phones' states, as the simulator last reported them, in the order they became known. */
    public java.util.Map<String, org.dozvon.telephony.DeviceState> deviceStates() {
        return pbx.deviceStates();
    }

    private static String requireDevice(String device) {
        if (device == null || device.indexOf('/') <= 0 || device.endsWith("/")) {
            throw new IllegalArgumentException("Not a device (technology/resource): " + device);
        }
        return device;
    }

    /**
     * Closes every AMI connection and the listening socket, then listens again on the same port. The
     * simulated calls go on; whatever they do meanwhile reaches no client.
     */
    public synchronized void restart() {
        stopListening();
        listen(port);
        log.info("AMI simulator restarted on port {}", port);
    }

    /** Closes every AMI connection and stops listening; the calls go on. */
    public synchronized void stopListening() {
        closeServer();
        sessions.forEach(Session::close);
        sessions.clear();
    }

    /** Listens again after {@link #stopListening()}, on the same port. */
    public synchronized void resumeListening() {
        listen(port);
    }

    @Override
    public synchronized void close() {
        stopListening();
        pbx.close();
    }

    /**
     * Binds the port. Listening again on a port from the ephemeral range can find it taken for a moment:
     * a client retrying to connect to a port nobody listens on may connect to itself (a TCP
     * self-connection), which holds the port until the client gives up waiting for a banner.
     */
    private void listen(int onPort) {
        long deadline = System.nanoTime() + (onPort == 0 ? 0 : TimeUnit.SECONDS.toNanos(15));
        while (true) {
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                try {
                    socket.bind(new InetSocketAddress(bindAddress, onPort));
                } catch (IOException e) {
                    socket.close();
                    throw e;
                }
                server = socket;
                port = socket.getLocalPort();
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new UncheckedIOException("The AMI simulator cannot listen on port " + onPort, e);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new UncheckedIOException("Interrupted while binding port " + onPort, e);
                }
            }
        }
        ServerSocket listening = server;
        Thread acceptor = new Thread(() -> accept(listening), "ami-simulator-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void closeServer() {
        ServerSocket socket = server;
        server = null;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                log.debug("Closing the simulator's server socket", e);
            }
        }
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Session session = new Session(client);
                sessions.add(session);
                Thread reader = new Thread(session::run, "ami-simulator-session-" + client.getPort());
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                if (!listening.isClosed()) {
                    log.warn("AMI simulator: accept failed", e);
                }
            }
        }
    }

    /** One AMI client connection. Reads on its own thread; everything it writes comes from the PBX thread. */
    final class Session implements SimulatedPbx.Client {

        private final Socket socket;
        private final OutputStream out;
        volatile boolean loggedIn;
        volatile String challenge;

        Session(Socket socket) throws IOException {
            this.socket = socket;
            this.socket.setTcpNoDelay(true);
            this.out = socket.getOutputStream();
        }

        void run() {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                send(BANNER + "\r\n");
                AmiMessage action;
                while ((action = AmiMessage.read(in)) != null) {
                    AmiMessage received = action;
                    pbx.submit(() -> pbx.handle(this, received));
                }
            } catch (IOException e) {
                log.debug("AMI simulator session ended: {}", e.toString());
            } finally {
                close();
                sessions.remove(this);
            }
        }

        @Override
        public boolean loggedIn() {
            return loggedIn;
        }

        @Override
        public void loggedIn(boolean value) {
            loggedIn = value;
        }

        @Override
        public String challenge() {
            return challenge;
        }

        @Override
        public void challenge(String value) {
            challenge = value;
        }

        @Override
        public void send(AmiMessage message) {
            send(message.format());
        }

        private void send(String text) {
            try {
                synchronized (out) {
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                close();
            }
        }

        @Override
        public void close() {
            loggedIn = false;
            try {
                socket.close();
            } catch (IOException e) {
                log.debug("Closing a simulator session", e);
            }
        }
    }

    /** The logged-in clients, which receive the events. */
    List<Session> sessions() {
        return sessions;
    }
}
