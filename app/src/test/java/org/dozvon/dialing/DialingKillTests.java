package org.dozvon.dialing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.dozvon.DozvonApplication;
import org.dozvon.PortalClient;
import org.dozvon.TestDataDirectories;
import org.dozvon.telephony.TelephonyProperties;
import org.dozvon.telephony.simulator.AmiSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restart safety, literally: a Dozvon in a child JVM, pointed at the test's AMI simulator over TCP as at an Asterisk,
 * is killed with SIGKILL while its calls are live. Some calls end while it is dead, the others go on. Started again
 * on the same data directory (its orphaned PostgreSQL is stopped and the data kept), it settles the calls gone from
 * the PBX as FAILED "lost" and hands them to the strategy, hands over an end recorded just before the kill, follows
 * the live ones to their end, and dials nothing twice: the simulator counts one Originate per call id.
 */
class DialingKillTests {

    private static final String PASSWORD = "Kill-nine-pass-1";
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final int CONTACTS = 5;

    @Test
    void callsOfADozvonKilledMidCampaignAreSettledAsLostOrFollowedToTheirEndAfterItsRestartAndNoneIsDialledTwice()
            throws Exception {
        // every customer answers at once and talks for ten minutes, unless the test hangs the call up
        TelephonyProperties.Simulator talkative = new TelephonyProperties.Simulator(0, 11L, 1, 0, 0, 0, 0, 0,
                Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMinutes(10), Duration.ofMinutes(10),
                Duration.ofMillis(100), Duration.ofMillis(100));
        Path dataDir = TestDataDirectories.fresh("dialing-kill");
        int postgresPort = freePort();
        JdbcClient db = JdbcClient.create(new DriverManagerDataSource(
                "jdbc:postgresql://localhost:" + postgresPort + "/dozvon?user=postgres"));
        List<Child> children = new ArrayList<>();
        try (AmiSimulator pbx = new AmiSimulator(talkative, TelephonyProperties.SIMULATOR_USERNAME,
                TelephonyProperties.SIMULATOR_SECRET).start()) {
            Child first = startDozvon(pbx, dataDir, postgresPort, "first", children);
            DialingFixture fixture = new DialingFixture(first.port, PASSWORD, db);
            long list = fixture.list(CONTACTS);
            long campaign = fixture.startedCampaign(list, "");
            await("every call answered", first, () -> fixture.count(
                    "select count(*) from call_attempt where campaign_id = :c and answered_at is not null",
                    campaign) == CONTACTS);

            first.process.destroyForcibly().waitFor();
            assertThat(first.process.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);

            // read through the PostgreSQL the killed JVM left running
            List<Map<String, Object>> left = fixture.attempts(campaign);
            assertThat(left).hasSize(CONTACTS).allSatisfy(row -> {
                assertThat(row.get("state")).as(row.toString()).isEqualTo("DIALING");
                assertThat(row.get("ended_at")).as(row.toString()).isNull();
            });
            List<String> gone = List.of(callId(left.get(0)), callId(left.get(2)));
            List<String> live = List.of(callId(left.get(1)), callId(left.get(3)));
            String unreported = callId(left.get(4));
            for (String call : gone) {
                assertThat(pbx.customerHangsUp(call)).as("%s ends while Dozvon is dead", call).isTrue();
            }
            // A kill between recording a call's end and handing it to the strategy (milliseconds apart, so no kill
            // can be aimed at it) leaves the end recorded and the request DIALING: written here as it would be.
            assertThat(pbx.customerHangsUp(unreported)).isTrue();
            assertThat(db.sql("update call_attempt set ended_at = now(), outcome = 'ANSWERED', originate_reason = 4,"
                            + " hangup_cause = 16, detail = 'answered; the customer hung up' where call_id = :call")
                    .param("call", unreported).update()).isEqualTo(1);

            Child second = startDozvon(pbx, dataDir, postgresPort, "second", children);
            // the dialer's log says when it follows a call: the test hangs it up only after that
            await("the gone and the unreported calls settled and the live ones followed", second, () -> fixture.count(
                    "select count(*) from dial_request where campaign_id = :c and state = 'SETTLED'", campaign) == 3
                    && live.stream().allMatch(call -> second.log().contains(following(call))));
            for (Map<String, Object> row : fixture.attempts(campaign)) {
                if (gone.contains(callId(row))) {
                    assertThat(row.get("state")).as(row.toString()).isEqualTo("SETTLED");
                    assertThat(row.get("request_outcome")).as(row.toString()).isEqualTo("FAILED");
                    assertThat(row.get("outcome")).as(row.toString()).isEqualTo("FAILED");
                    assertThat((String) row.get("detail")).as(row.toString()).startsWith("lost");
                } else if (live.contains(callId(row))) {
                    assertThat(row.get("state")).as("%s is live, so still being dialled", row).isEqualTo("DIALING");
                    assertThat(row.get("ended_at")).as(row.toString()).isNull();
                }
            }

            for (String call : live) {
                assertThat(pbx.customerHangsUp(call)).as("%s was still live after the restart", call).isTrue();
            }
            await("the followed calls settled", second, () -> fixture.count(
                    "select count(*) from dial_request where campaign_id = :c and state = 'SETTLED'", campaign)
                    == CONTACTS);

            List<Map<String, Object>> settled = fixture.attempts(campaign);
            assertThat(settled).hasSize(CONTACTS).allSatisfy(row -> assertThat(row.get("ended_at")).isNotNull());
            for (Map<String, Object> row : settled) {
                if (!gone.contains(callId(row))) {
                    assertThat(row.get("outcome")).as(row.toString()).isEqualTo("ANSWERED");
                    assertThat(row.get("request_outcome")).as(row.toString()).isEqualTo("ANSWERED");
                }
                if (live.contains(callId(row))) {
                    assertThat((String) row.get("detail")).as(row.toString()).startsWith("ended while followed");
                }
            }
            // the strategy took every outcome: the answered contacts are done, the lost ones wait for their retry
            List<Map<String, Object>> contacts = db.sql("""
                            select cc.contact_id, cc.state, cc.final_status, cc.attempts,
                                   cc.next_dial_at > now() as retry_later, a.call_id
                            from campaign_contact cc join call_attempt a
                              on a.campaign_id = cc.campaign_id and a.contact_id = cc.contact_id
                            where cc.campaign_id = :c""")
                    .param("c", campaign).query().listOfRows();
            assertThat(contacts).hasSize(CONTACTS);
            for (Map<String, Object> contact : contacts) {
                assertThat(contact.get("attempts")).as(contact.toString()).isEqualTo(1);
                if (gone.contains((String) contact.get("call_id"))) {
                    assertThat(contact.get("state")).as(contact.toString()).isEqualTo("WAITING");
                    assertThat(contact.get("retry_later")).as("a retry planned: %s", contact).isEqualTo(true);
                } else {
                    assertThat(contact.get("state")).as(contact.toString()).isEqualTo("FINISHED");
                    assertThat(contact.get("final_status")).as(contact.toString()).isEqualTo("SUCCESS");
                }
            }
            assertThat(db.sql("select count(*) from contact c where c.list_id = :list and not exists (select 1"
                    + " from campaign_contact cc where cc.campaign_id = :c and cc.contact_id = c.id)")
                    .param("list", list).param("c", campaign).query(Long.class).single())
                    .as("contacts of the list the campaign lost").isZero();
            assertThat(fixture.count("select count(*) from dial_request where campaign_id = :c and state = 'DIALING'",
                    campaign)).isZero();
            assertThat(pbx.originates()).as("one Originate per call, none after the restart")
                    .containsOnlyKeys(settled.stream().map(DialingKillTests::callId).toList())
                    .allSatisfy((call, originates) -> assertThat(originates).as(call).isEqualTo(1));

            second.process.destroy(); // a normal shutdown, which stops its PostgreSQL
            assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).as("the second Dozvon stopped").isTrue();
        } finally {
            for (Child child : children) {
                child.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            stopPostgresLeftIn(dataDir);
        }
    }

    /** What the dialer logs when it follows a call an earlier run left live on the PBX. */
    private static String following(String callId) {
        return "Call " + callId + " (attempt " + callId.substring(Dialer.CALL_ID_PREFIX.length())
                + ") left by an earlier run is still live on the PBX: following it";
    }

    private static String callId(Map<String, Object> row) {
        return (String) row.get("call_id");
    }

    /** A Dozvon started as {@code spring-boot:run} starts it, in a JVM of its own, pointed at the simulator. */
    private static Child startDozvon(AmiSimulator pbx, Path dataDir, int postgresPort, String name,
                                     List<Child> children) throws Exception {
        int port = freePort();
        File log = new File("target/dialing-kill-" + name + ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                DozvonApplication.class.getName(),
                "--server.port=" + port, "--DOZVON_DATA_DIR=" + dataDir, "--DOZVON_ADMIN_PASSWORD=" + PASSWORD,
                "--DOZVON_DB_URL=", "--DOZVON_EMBEDDED_DB_PORT=" + postgresPort,
                "--camunda.bpm.webapp.enabled=false", "--spring.jmx.enabled=false",
                "--dozvon.telephony.ami-host=" + pbx.host(), "--dozvon.telephony.ami-port=" + pbx.port(),
                "--dozvon.telephony.ami-username=" + TelephonyProperties.SIMULATOR_USERNAME,
                "--dozvon.telephony.ami-password=" + TelephonyProperties.SIMULATOR_SECRET,
                "--dozvon.dialing.tick=200ms", "--dozvon.dialing.reconcile-interval=500ms")
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        Child child = new Child(process, port, log.toPath());
        children.add(child);
        PortalClient api = new PortalClient(port);
        await("the " + name + " Dozvon to start", child, () -> {
            try {
                return api.api("/actuator/health", null, null).statusCode() == 200;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        return child;
    }

    /** Waits for another process (not a timed assertion: the timeout only ends a hung test). */
    private static void await(String what, Child child, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            boolean done;
            try {
                done = condition.getAsBoolean();
            } catch (RuntimeException notYet) {
                done = false;
            }
            if (done) {
                return;
            }
            if (!child.process.isAlive()) {
                throw new AssertionError("the Dozvon child ended while waiting for " + what + "; see " + child.logFile);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what + "; see " + child.logFile);
            }
            Thread.sleep(200);
        }
    }

    /** A PostgreSQL still running on the data directory after a failure: stopped as Dozvon stops an orphan. */
    private static void stopPostgresLeftIn(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        Optional<ProcessHandle> postgres = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
        postgres.ifPresent(server -> {
            server.destroy();
            try {
                server.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                server.destroyForcibly();
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A Dozvon in a JVM of its own, its HTTP port and its log. */
    private record Child(Process process, int port, Path logFile) {

        String log() {
            try {
                return Files.readString(logFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
    }
}
