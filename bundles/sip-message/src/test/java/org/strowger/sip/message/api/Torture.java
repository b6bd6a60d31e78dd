package org.strowger.sip.message.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Loads torture messages from src/test/resources and parses them with the default config. */
final class Torture {
    static final SipParser PARSER = new SipParser(SipCodecConfig.DEFAULTS);

    private Torture() {
    }

    static byte[] bytes(String resource) {
        try (InputStream in = Torture.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> list(String dir) {
        try (Stream<Path> files = Files.list(Path.of(Torture.class.getResource("/" + dir).toURI()))) {
            return files.map(p -> dir + "/" + p.getFileName()).filter(n -> n.endsWith(".dat")).sorted().toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static SipMessage valid(String resource) {
        ParseResult result = PARSER.parse(bytes(resource));
        if (!result.isSuccess()) {
            fail(resource + " should parse but failed: " + result.failure());
        }
        return result.message();
    }

    static SipRequest request(String resource) {
        SipMessage m = valid(resource);
        assertTrue(m.isRequest(), resource + " is a request");
        return (SipRequest) m;
    }

    static SipResponse response(String resource) {
        SipMessage m = valid(resource);
        assertFalse(m.isRequest(), resource + " is a response");
        return (SipResponse) m;
    }

    /** Asserts the failure status and that the reason names the problem (contains {@code mentions}). */
    static ParseFailure invalid(String resource, int status, String mentions) {
        ParseResult result = PARSER.parse(bytes(resource));
        assertFalse(result.isSuccess(), resource + " must be rejected");
        ParseFailure f = result.failure();
        assertEquals(status, f.statusCode(), () -> resource + ": " + f);
        assertTrue(f.reason().toLowerCase().contains(mentions.toLowerCase()),
                () -> resource + ": reason '" + f.reason() + "' should mention '" + mentions + "'");
        assertFalse(f.reason().contains("\r") || f.reason().contains("\n"));
        return f;
    }

    private static List<SipHeader> withoutLength(List<SipHeader> headers) {
        return headers.stream().filter(h -> !h.name().equals(HeaderNames.CONTENT_LENGTH)).toList();
    }

    /** Parse, encode, parse again: the values later layers use are equal. */
    static void assertRoundTrip(SipMessage first) {
        ParseResult again = PARSER.parse(first.encode());
        assertTrue(again.isSuccess(), () -> "re-parse failed: " + again + "\n" + first);
        SipMessage second = again.message();
        assertEquals(first.isRequest(), second.isRequest());
        assertEquals(first.startLine(), second.startLine());
        assertEquals(withoutLength(first.headers()), withoutLength(second.headers()));
        assertEquals(first.vias(), second.vias());
        assertEquals(first.from(), second.from());
        assertEquals(first.to(), second.to());
        assertEquals(first.callId(), second.callId());
        assertEquals(first.cseq(), second.cseq());
        assertEquals(first.maxForwards(), second.maxForwards());
        assertEquals(first.contacts(), second.contacts());
        assertEquals(first.contentLength(), second.contentLength());
        assertTrue(java.util.Arrays.equals(first.body(), second.body()));
        if (first instanceof SipRequest r1) {
            assertEquals(r1.requestUri().toString(), ((SipRequest) second).requestUri().toString());
            assertEquals(r1.method(), ((SipRequest) second).method());
        } else {
            assertEquals(((SipResponse) first).statusCode(), ((SipResponse) second).statusCode());
            assertEquals(((SipResponse) first).reasonPhrase(), ((SipResponse) second).reasonPhrase());
        }
    }
}
