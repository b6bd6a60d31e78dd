package org.strowger.sip.message.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property/fuzz tests: random and mutated messages (byte flips, special characters, truncations,
 * deletions, huge repeated values, folds) never make the scanner throw, failures carry an allowed
 * status and a safe reason, successes respect the limits and re-encode to an equal parse, and
 * allocation stays proportional to the input.
 */
class SipParserPropertiesTest {
    private static final Set<Integer> STATUSES = Set.of(400, 413, 414, 501, 505, 513);
    private static final byte[] SPECIAL = {'\r', '\n', ':', ';', ',', '"', '<', '>', '\\', ' ', '\t', '%', '[', ']',
        '@', '=', '/', '?', '*', 0, (byte) 0x80, (byte) 0xff, (byte) 0xc3, '0', '9'};
    private static final List<byte[]> SEEDS = seeds();

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (String dir : List.of("rfc4475/valid", "rfc4475/invalid", "rfc5118")) {
            for (String r : Torture.list(dir)) {
                seeds.add(Torture.bytes(r));
            }
        }
        return seeds;
    }

    @Provide
    Arbitrary<Integer> seedIndex() {
        return Arbitraries.integers().between(0, SEEDS.size() - 1);
    }

    @Provide
    Arbitrary<SipCodecConfig> configs() {
        return Arbitraries.integers().between(1, 70000).list().ofSize(4)
                .map(l -> new SipCodecConfig(l.get(0), Math.max(1, l.get(1) % 300), Math.max(1, l.get(2) % 9000), l.get(3)))
                .injectDuplicates(0.1)
                .edgeCases(c -> c.add(SipCodecConfig.DEFAULTS));
    }

    @Property(tries = 3000)
    void mutatedMessagesNeverThrowAndRespectTheContract(@ForAll("seedIndex") int seed, @ForAll long random,
                                                        @ForAll @IntRange(min = 0, max = 12) int mutations) {
        byte[] data = mutate(SEEDS.get(seed), new Random(random), mutations);
        boolean success = check(SipCodecConfig.DEFAULTS, data);
        Statistics.label("parsed").collect(success);
        // both branches must be exercised, or the property proves little
        Statistics.label("parsed").coverage(c -> {
            c.check(true).percentage(p -> p > 2);
            c.check(false).percentage(p -> p > 30);
        });
    }

    @Property(tries = 1500)
    void mutatedMessagesRespectArbitraryLimits(@ForAll("seedIndex") int seed, @ForAll long random,
                                               @ForAll @IntRange(min = 0, max = 6) int mutations,
                                               @ForAll("configs") SipCodecConfig config) {
        byte[] data = mutate(SEEDS.get(seed), new Random(random), mutations);
        check(config, data);
    }

    @Property(tries = 1000)
    void randomBytesNeverThrow(@ForAll @Size(max = 600) byte[] data) {
        check(SipCodecConfig.DEFAULTS, data);
    }

    @Property(tries = 1000)
    void randomSipLikeTextNeverThrows(@ForAll("sipLike") String text) {
        check(SipCodecConfig.DEFAULTS, text.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> sipLike() {
        Arbitrary<String> pieces = Arbitraries.of("INVITE ", "SIP/2.0", " ", "\r\n", "\n", "sip:", "sips:", "tel:+1",
                "user@", "[2001:db8::1]", ":5060", ";branch=z9hG4bK", ";tag=", "Via: ", "v: SIP/2.0/UDP ", "From: ",
                "To: ", "Call-ID: ", "CSeq: 1 INVITE", "Max-Forwards: 70", "Content-Length: ", "l: 5", "Contact: ",
                "<", ">", "\"", "\\", ",", "%", "%4", "%41", "*", "=", "1", "99999999999999999999", "\r\n\r\n", "\t",
                "SIP/2.0 200 OK\r\n", "Authorization: Digest a=\"b\", c=d\r\n", "RAck: 1 2 INVITE\r\n", "\u00e9");
        return pieces.list().ofMaxSize(60).map(l -> String.join("", l));
    }

    private static boolean check(SipCodecConfig config, byte[] data) {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean sun = mx instanceof com.sun.management.ThreadMXBean s ? s : null;
        long before = sun == null ? 0 : sun.getCurrentThreadAllocatedBytes();
        // the scanner itself, not SipParser's defensive catch, must not throw
        ParseResult result = assertDoesNotThrow(() -> new MessageScanner(config, data, 0, data.length).scan());
        long allocated = sun == null ? 0 : sun.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated <= 64L * Math.min(data.length, config.maxMessageSize()) + 512 * 1024,
                () -> "allocated " + allocated + " bytes for " + data.length + " input bytes");
        if (result.isSuccess()) {
            SipMessage m = result.message();
            assertTrue(data.length <= config.maxMessageSize());
            assertTrue(m.headers().size() <= config.maxHeaderCount());
            assertTrue(m.body().length <= config.maxBodySize());
            assertDoesNotThrow(() -> {
                m.vias();
                m.from();
                m.to();
                m.cseq();
                m.callId();
                m.maxForwards();
                m.contacts();
            });
            byte[] encoded = m.encode();
            // invalid UTF-8 is decoded to U+FFFD (3 bytes each), so the re-encoding may grow: allow 3x
            SipCodecConfig roomy = new SipCodecConfig(3 * 65535, 256, 3 * 8192, 65535);
            ParseResult again = new SipParser(roomy).parse(encoded);
            assertTrue(again.isSuccess(), () -> "re-encoded message fails: " + again + "\n"
                    + new String(encoded, StandardCharsets.UTF_8));
            assertTrue(Arrays.equals(encoded, again.message().encode()), "encoding is stable");
            assertTrue(encoded.length <= 3 * data.length + 64, "encoding stays proportional to the input");
        } else {
            ParseFailure f = result.failure();
            assertTrue(STATUSES.contains(f.statusCode()), () -> "unexpected status " + f);
            assertFalse(f.reason().isEmpty());
            assertTrue(f.reason().chars().noneMatch(c -> c < 0x20 || c == 0x7f), "reason is a safe phrase");
            assertFalse(f.reason().startsWith("Unparseable"));
            assertDoesNotThrow(() -> f.errorResponse().ifPresent(SipMessage::encode));
            f.errorResponse().ifPresent(r -> assertTrue(f.isRequest()));
        }
        return result.isSuccess();
    }

    static byte[] mutate(byte[] seed, Random rnd, int mutations) {
        byte[] data = seed.clone();
        for (int i = 0; i < mutations; i++) {
            if (data.length == 0) {
                break;
            }
            int pos = rnd.nextInt(data.length);
            switch (rnd.nextInt(7)) {
                case 0 -> data[pos] = (byte) rnd.nextInt(256);
                case 1 -> data[pos] = SPECIAL[rnd.nextInt(SPECIAL.length)];
                case 2 -> data = Arrays.copyOf(data, pos);
                case 3 -> {
                    int len = Math.min(data.length - pos, 1 + rnd.nextInt(20));
                    byte[] out = new byte[data.length - len];
                    System.arraycopy(data, 0, out, 0, pos);
                    System.arraycopy(data, pos + len, out, pos, data.length - pos - len);
                    data = out;
                }
                case 4 -> {
                    int len = Math.min(data.length - pos, 1 + rnd.nextInt(12));
                    int times = 1 + rnd.nextInt(rnd.nextBoolean() ? 10 : 3000);
                    byte[] out = new byte[data.length + len * times];
                    System.arraycopy(data, 0, out, 0, pos + len);
                    for (int t = 0; t < times; t++) {
                        System.arraycopy(data, pos, out, pos + len * (t + 1), len);
                    }
                    System.arraycopy(data, pos + len, out, pos + len * (times + 1), data.length - pos - len);
                    data = out;
                }
                case 5 -> data = insert(data, pos, "\r\n ".getBytes(StandardCharsets.US_ASCII));
                default -> data = insert(data, pos, new byte[] {SPECIAL[rnd.nextInt(SPECIAL.length)]});
            }
        }
        return data;
    }

    private static byte[] insert(byte[] data, int pos, byte[] piece) {
        byte[] out = new byte[data.length + piece.length];
        System.arraycopy(data, 0, out, 0, pos);
        System.arraycopy(piece, 0, out, pos, piece.length);
        System.arraycopy(data, pos, out, pos + piece.length, data.length - pos);
        return out;
    }
}
