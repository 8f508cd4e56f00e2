package se.vaktpost.hub.threads;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import se.vaktpost.hub.threads.ThreadRanks.Rank;

class ThreadRanksTest {

    /** The kernel names of a running hub's threads (jcmd Thread.print during the scale bench), cut to 15. */
    @ParameterizedTest
    @CsvSource({
            "hub-core, ALARM_PATH",
            "hub-outbound, ALARM_PATH",
            "hub-timers, ALARM_PATH",
            "MQTT Rec: vaktp, ALARM_PATH",
            "MQTT Call: vakt, ALARM_PATH",
            "MQTT Snd: vaktp, ALARM_PATH",
            "MQTT Ping: vakt, ALARM_PATH",
            "MQTT Con: centr, ALARM_PATH",
            "GC Thread#0, RUNTIME",
            "G1 Main Marker, RUNTIME",
            "G1 Refine#0, RUNTIME",
            "VM Thread, RUNTIME",
            "VM Periodic Tas, RUNTIME",
            "main, RUNTIME",
            "Reference Handl, RUNTIME",
            "Finalizer, RUNTIME",
            "C1 CompilerThre, BACKGROUND",
            "C2 CompilerThre, BACKGROUND",
            "hub-notifier, BACKGROUND",
            "hub-checkpoint, BACKGROUND",
            "AsyncAppender-W, BACKGROUND",
            "vert.x-eventloo, BACKGROUND",
            "vert.x-worker-t, BACKGROUND",
            "vert.x-acceptor, BACKGROUND",
            "HttpClient-1-Se, BACKGROUND",
            "Signal Dispatch, BACKGROUND",
            "process reaper, BACKGROUND",
            "some-new-librar, BACKGROUND",
    })
    void ranksEachOfTheHubsThreads(String comm, Rank expected) {
        assertThat(ThreadRanks.of(comm)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hub-core\n", "  hub-core"})
    void readsTheNameAsTheKernelWritesIt(String comm) {
        assertThat(ThreadRanks.of(comm)).isEqualTo(Rank.ALARM_PATH);
    }
}
