package io.neuroframe.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RemoteConfigTest {

    @Test
    void aPortOutsideOneTo65535IsRefusedWithTheTarget() {
        for (String target : new String[] {"127.0.0.1:99999", "127.0.0.1:0", "localhost:65536"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RemoteConfig.plaintext(target));
            assertTrue(e.getMessage().contains(target) && e.getMessage().contains("outside 1..65535"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> RemoteConfig.plaintext("localhost"));
        assertThrows(IllegalArgumentException.class, () -> RemoteConfig.plaintext("local host:8001"));
    }

    @Test
    void hostAndPortAreReadOffTheTargetIncludingABracketedIpv6Address() {
        RemoteConfig named = RemoteConfig.plaintext("inference.example:65535");
        assertEquals("inference.example", named.host());
        assertEquals(65535, named.port());
        RemoteConfig ipv6 = RemoteConfig.plaintext("[::1]:1");
        assertEquals("::1", ipv6.host());
        assertEquals(1, ipv6.port());
    }
}
