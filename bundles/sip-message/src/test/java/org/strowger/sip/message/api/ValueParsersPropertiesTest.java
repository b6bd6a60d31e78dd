package org.strowger.sip.message.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The public value parsers (URI, Via, name-addr, media type, auth, multipart) either return a
 * value whose wire form parses back to an equal value, or throw {@link MalformedHeaderException};
 * nothing else escapes.
 */
class ValueParsersPropertiesTest {
    @Provide
    Arbitrary<String> fragments() {
        Arbitrary<String> pieces = Arbitraries.of("sip:", "sips:", "tel:", "+1", "x:", "user", "@", "host.example.com",
                "[2001:db8::1]", "[::ffff:192.0.2.1]", "192.0.2.1", ":", "5060", ";", "lr", "transport=tcp", "=", "?",
                "&", "h=v", "%41", "%", "%zz", "<", ">", "\"", "\\", "Bob", " ", "\t", ",", "tag", "SIP", "/", "2.0",
                "UDP", "branch", "z9hG4bK", "rport", "received", "Digest", "realm", "\"r\"", "multipart", "mixed",
                "boundary", "*", "é", "\u0000");
        return pieces.list().ofMaxSize(25).map(l -> String.join("", l));
    }

    @Property(tries = 1500)
    void uriParse(@ForAll("fragments") String text) {
        roundTrip(text, Uri::parse, Uri::toString);
    }

    @Property(tries = 1500)
    void viaParse(@ForAll("fragments") String text) {
        roundTrip("SIP/2.0/UDP " + text, Via::parse, Via::toString);
        roundTrip(text, Via::parse, Via::toString);
    }

    @Property(tries = 1500)
    void nameAddrParse(@ForAll("fragments") String text) {
        roundTrip(text, NameAddr::parse, NameAddr::toString);
        roundTrip("\"d\" <" + text + ">", NameAddr::parse, NameAddr::toString);
    }

    @Property(tries = 1000)
    void mediaTypeAndAuthParse(@ForAll("fragments") String text) {
        roundTrip(text, MediaType::parse, MediaType::toString);
        roundTrip(text, AuthHeader::parse, AuthHeader::toString);
    }

    @Property(tries = 1000)
    void multipartNeverThrowsAnythingElse(@ForAll("fragments") String text) {
        byte[] body = ("--b\r\n" + text + "\r\n--b\r\n" + text + "\r\n--b--").getBytes(StandardCharsets.UTF_8);
        try {
            MultipartBody.parse(MediaType.parse("multipart/mixed;boundary=b"), body);
        } catch (MalformedHeaderException expected) {
            // fine: named failure
        }
    }

    private static <T> void roundTrip(String text, Function<String, T> parse, Function<T, String> print) {
        T value;
        try {
            value = parse.apply(text);
        } catch (MalformedHeaderException expected) {
            return;
        }
        String wire = print.apply(value);
        assertEquals(wire, print.apply(parse.apply(wire)), () -> "not stable: '" + text + "' -> '" + wire + "'");
    }
}
