package se.vaktpost.hub.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientAddressTest {
    @Test
    void cidrsMatchTheirNetworkOnly() {
        ClientAddress.Cidr ten = ClientAddress.Cidr.parse("10.0.0.0/8");
        assertThat(ten.contains("10.200.3.4")).isTrue();
        assertThat(ten.contains("11.0.0.1")).isFalse();
        assertThat(ten.contains("::1")).isFalse();
        ClientAddress.Cidr one = ClientAddress.Cidr.parse("127.0.0.1");
        assertThat(one.contains("127.0.0.1")).isTrue();
        assertThat(one.contains("127.0.0.2")).isFalse();
        assertThat(ClientAddress.Cidr.parse("fd00::/8").contains("fd12::5")).isTrue();
        assertThat(ClientAddress.Cidr.parse("192.168.1.0/23").contains("192.168.0.9")).isTrue();
        assertThatThrownBy(() -> ClientAddress.Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientAddress.Cidr.parse("10.0.0.0/x")).hasMessageContaining("not a CIDR");
    }
}
