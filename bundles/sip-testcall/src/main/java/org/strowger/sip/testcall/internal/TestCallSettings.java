package org.strowger.sip.testcall.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The validated configuration of the test application.
 *
 * @param user         the Request-URI user that is answered
 * @param hangupAfter  how long after the ACK the application sends BYE; {@link Duration#ZERO} = never
 * @param ringFor      how long to ring (180) before answering; {@link Duration#ZERO} = answer at once
 * @param mediaAddress IPv4 or IPv6 literal announced in the SDP
 * @param mediaPort    RTP port announced for the first audio stream
 */
record TestCallSettings(String user, Duration hangupAfter, Duration ringFor, String mediaAddress, int mediaPort) {

    TestCallSettings {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(hangupAfter, "hangupAfter");
        Objects.requireNonNull(ringFor, "ringFor");
        Objects.requireNonNull(mediaAddress, "mediaAddress");
        if (user.isBlank()) {
            throw new IllegalArgumentException(TestCallConfig.PID + ": user must not be empty");
        }
        if (hangupAfter.isNegative()) {
            throw new IllegalArgumentException(TestCallConfig.PID + ": hangupAfter must be >= 0 seconds (0 = never), was "
                    + hangupAfter.toSeconds());
        }
        if (ringFor.isNegative()) {
            throw new IllegalArgumentException(TestCallConfig.PID + ": ringFor must be >= 0 ms (0 = answer at once), was "
                    + ringFor.toMillis());
        }
        if (!IpLiterals.isIpLiteral(mediaAddress)) {
            throw new IllegalArgumentException(TestCallConfig.PID + ": mediaAddress must be an IPv4 or IPv6 literal "
                    + "(no host names, no brackets), was '" + mediaAddress + "'");
        }
        if (mediaPort < 1 || mediaPort > 65533) {
            throw new IllegalArgumentException(TestCallConfig.PID + ": mediaPort must be in 1..65533, was " + mediaPort);
        }
    }

    static TestCallSettings from(TestCallConfig config) {
        return new TestCallSettings(config.user().trim(), Duration.ofSeconds(config.hangupAfter()),
                Duration.ofMillis(config.ringFor()), config.mediaAddress().trim(), config.mediaPort());
    }
}
