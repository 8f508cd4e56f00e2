package se.vaktpost.hub.threads;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ThreadRanksTest {

    /** The kernel names of a running hub's threads (jcmd Thread.print during the scale bench), cut to 15. */
    @ParameterizedTest
    @CsvSource({
            // the alarm path
            "hub-core, false",
            "hub-timers, false",
            "MQTT Rec: vaktp, false",
            "MQTT Call: vakt, false",
            "MQTT Snd: vaktp, false",
            "MQTT Ping: vakt, false",
            "MQTT Con: centr, false",
            // people acting on an alarm: sign-in, commands, the live view, notifications
            "vert.x-eventloo, false",
            "vert.x-worker-t, false",
            "vert.x-acceptor, false",
            "hub-notifier, false",
            "HttpClient-1-Se, false",
            // the collector and the JVM's stop-the-world work
            "GC Thread#0, false",
            "G1 Main Marker, false",
            "VM Thread, false",
            "main, false",
            // unknown threads keep the priority: lowering something people wait for would be worse
            "some-new-librar, false",
            // background
            "C1 CompilerThre, true",
            "C2 CompilerThre, true",
            "AsyncAppender-W, true",
            "hub-checkpoint, true",
            "Sweeper thread, true",
            "Common-Cleaner, true",
            "Cleaner-0, true",
            "Monitor Deflati, true",
            "Service Thread, true",
            "Signal Dispatch, true",
            "Notification Th, true",
            "process reaper, true",
            "vertx-blocked-t, true",
    })
    void ranksEachOfTheHubsThreads(String comm, boolean background) {
        assertThat(ThreadRanks.background(comm)).isEqualTo(background);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hub-checkpoint\n", "  hub-checkpoint"})
    void readsTheNameAsTheKernelWritesIt(String comm) {
        assertThat(ThreadRanks.background(comm)).isTrue();
    }

    @Test
    void theMqttThreadsOfTwoClientsAreToldApartOnlyWhenTheirCutNamesDiffer() {
        assertThat(ThreadRanks.mqttThreadsApart("hub.presence", "hub")).as("the production identities")
                .contains("MQTT Rec: hub.p", "MQTT Snd: hub.p", "MQTT Call: hub.", "MQTT Ping: hub.")
                .doesNotContain("MQTT Rec: hub", "MQTT Call: hub");
        assertThat(ThreadRanks.mqttThreadsApart("presence-vaktpost-hub", "vaktpost-hub")).as("a lab hub's default ids")
                .contains("MQTT Rec: prese", "MQTT Snd: prese", "MQTT Call: pres");
        assertThat(ThreadRanks.mqttThreadsApart("hub.presence", "hub", "hub.states")).as("beside the state link too")
                .contains("MQTT Rec: hub.p", "MQTT Snd: hub.p")
                .as("its callback thread's cut name is the state link's too; that thread lowers itself")
                .doesNotContain("MQTT Call: hub.");
        assertThat(ThreadRanks.mqttThreadsApart("vaktpost-hub-presence", "vaktpost-hub"))
                .as("ids that begin alike: no name can be trusted to be the presence link's").isEmpty();
    }

    @Test
    void theIntakeIsTheReceivingDeliveringAndPingingThreadsNotTheSender() {
        assertThat(ThreadRanks.intake(ThreadRanks.mqttThreadsApart("presence-vaktpost-hub", "vaktpost-hub")))
                .containsExactlyInAnyOrder("MQTT Rec: prese", "MQTT Call: pres", "MQTT Ping: pres");
        assertThat(ThreadRanks.intake(ThreadRanks.mqttThreadsApart("hub.presence", "hub", "hub.states")))
                .as("a cut name shared with the state link is not the presence link's for sure")
                .containsExactly("MQTT Rec: hub.p");
    }

    @Test
    void theSendersOfTheAlarmAndStateLinksAreTheirsWhateverTheIds() {
        assertThat(ThreadRanks.senders(ThreadRanks.mqttThreadsApart("hub", "hub.presence")))
                .containsExactly("MQTT Snd: hub");
        assertThat(ThreadRanks.senders(ThreadRanks.mqttThreadsApart("hub.states", "hub.presence")))
                .containsExactly("MQTT Snd: hub.s");
        assertThat(ThreadRanks.senders(ThreadRanks.mqttThreadsApart("vaktpost-hub", "presence-vaktpost-hub")))
                .containsExactly("MQTT Snd: vaktp");
        assertThat(ThreadRanks.senders(ThreadRanks.mqttThreadsApart("hub-states-1", "hub-states-2")))
                .as("ids that begin alike give none").isEmpty();
    }
}
