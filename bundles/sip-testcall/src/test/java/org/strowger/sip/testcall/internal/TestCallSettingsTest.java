package org.strowger.sip.testcall.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestCallSettingsTest {

    /** A config as ConfigAdmin would give it, with the metatype defaults unless overridden. */
    static TestCallConfig config(String user, int hangupAfter, long ringFor, String mediaAddress, int mediaPort) {
        return new TestCallConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return TestCallConfig.class;
            }

            @Override
            public String user() {
                return user;
            }

            @Override
            public int hangupAfter() {
                return hangupAfter;
            }

            @Override
            public long ringFor() {
                return ringFor;
            }

            @Override
            public String mediaAddress() {
                return mediaAddress;
            }

            @Override
            public int mediaPort() {
                return mediaPort;
            }
        };
    }

    @Test
    void defaultsAreEchoThirtySecondsNoRingingLoopbackPort4000() throws Exception {
        TestCallConfig defaults = config(
                (String) TestCallConfig.class.getMethod("user").getDefaultValue(),
                (Integer) TestCallConfig.class.getMethod("hangupAfter").getDefaultValue(),
                (Long) TestCallConfig.class.getMethod("ringFor").getDefaultValue(),
                (String) TestCallConfig.class.getMethod("mediaAddress").getDefaultValue(),
                (Integer) TestCallConfig.class.getMethod("mediaPort").getDefaultValue());
        assertEquals(new TestCallSettings("echo", Duration.ofSeconds(30), Duration.ZERO, "127.0.0.1", 4000),
                TestCallSettings.from(defaults));
    }

    @Test
    void valuesAreTrimmedAndConverted() {
        assertEquals(new TestCallSettings("600", Duration.ZERO, Duration.ofMillis(1500), "::1", 20000),
                TestCallSettings.from(config(" 600 ", 0, 1500, " ::1 ", 20000)));
    }

    @Test
    void badValuesFailWithAMessageNamingTheAttribute() {
        assertMessage("user must not be empty", config(" ", 30, 0, "127.0.0.1", 4000));
        assertMessage("hangupAfter must be >= 0", config("echo", -1, 0, "127.0.0.1", 4000));
        assertMessage("ringFor must be >= 0", config("echo", 30, -5, "127.0.0.1", 4000));
        assertMessage("mediaAddress must be an IPv4 or IPv6 literal", config("echo", 30, 0, "localhost", 4000));
        assertMessage("mediaPort must be in 1..65533", config("echo", 30, 0, "127.0.0.1", 0));
        assertMessage("mediaPort must be in 1..65533", config("echo", 30, 0, "127.0.0.1", 65534));
    }

    private static void assertMessage(String expected, TestCallConfig config) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestCallSettings.from(config));
        assertTrue(e.getMessage().startsWith(TestCallConfig.PID + ": " + expected), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "255.255.255.255", "192.0.2.10", "::1", "2001:db8::20",
        "fe80::1:2:3:4", "::ffff:192.0.2.1"})
    void rfc4291_2_2_ipLiteralsAreAccepted(String address) {
        assertTrue(IpLiterals.isIpLiteral(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "01234.1.1.1",
        "[::1]", "fe80::1%eth0", "2001:db8:::1", "1:2:3:4:5:6:7:8:9", "abc", "12345:"})
    void rfc4291_2_2_otherTextIsRefusedWithoutDns(String address) {
        assertFalse(IpLiterals.isIpLiteral(address));
    }
}
