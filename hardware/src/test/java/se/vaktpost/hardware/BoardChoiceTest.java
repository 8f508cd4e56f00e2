package se.vaktpost.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.hardware.BoardChoice.Kind;

class BoardChoiceTest {
    @TempDir
    Path dir;

    @Test
    void onARaspberryPiWithoutBoardTheAgentRefusesAndSaysWhatToPass() throws Exception {
        Path model = dir.resolve("model");
        Files.write(model, "Raspberry Pi 4 Model B Rev 1.5\0".getBytes(StandardCharsets.US_ASCII));
        Optional<String> pi = BoardChoice.raspberryPi(model);
        assertThat(pi).contains("Raspberry Pi 4 Model B Rev 1.5");
        assertThatThrownBy(() -> BoardChoice.decide(Optional.empty(), pi)).isInstanceOf(BoardChoice.Refused.class)
                .hasMessageContaining("Raspberry Pi 4 Model B").hasMessageContaining("--board gpiod");
    }

    @Test
    void anExplicitBoardIsTakenOnAPiAndElsewhere() {
        assertThat(BoardChoice.decide(Optional.of(Kind.gpiod), Optional.of("Raspberry Pi 5"))).isEqualTo(Kind.gpiod);
        assertThat(BoardChoice.decide(Optional.of(Kind.mock), Optional.of("Raspberry Pi 5"))).isEqualTo(Kind.mock);
        assertThat(BoardChoice.decide(Optional.of(Kind.gpiod), Optional.empty())).isEqualTo(Kind.gpiod);
    }

    @Test
    void elsewhereTheSimulatedBoardIsTheDefault() throws Exception {
        Path other = dir.resolve("other");
        Files.writeString(other, "QEMU Virtual Machine");
        assertThat(BoardChoice.raspberryPi(other)).isEmpty();
        assertThat(BoardChoice.raspberryPi(dir.resolve("missing"))).isEmpty();
        assertThat(BoardChoice.decide(Optional.empty(), Optional.empty())).isEqualTo(Kind.mock);
    }
}
