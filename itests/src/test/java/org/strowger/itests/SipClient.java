package org.strowger.itests;

import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal SIP peer for the integration tests: writes requests by hand and reads the answers
 * over UDP or TCP on 127.0.0.1, with bounded waits. It parses only what the tests assert
 * (status line, header values), so that the server is checked against the wire format and not
 * against its own codec.
 */
public final class SipClient {

    private static final int MAX_DATAGRAM = 65_535;
    private static final int MAX_STREAM_MESSAGE = 65_535;

    private final InetSocketAddress server;

    public SipClient(InetSocketAddress server) {
        this.server = server;
    }

    /** An OPTIONS request (RFC 3261 §11) to the server; Via filled in by {@link #udp}/{@link #tcp}. */
    public String options() {
        return request("OPTIONS");
    }

    /**
     * A well-formed out-of-dialog request with this method. The top Via carries the
     * placeholders {@code TRANSPORT} and {@code LOCAL} (sent-by) that {@link #udp}/{@link #tcp}
     * replace with the socket actually used, and {@code rport} (RFC 3581).
     */
    public String request(String method) {
        String target = "sip:" + server.getAddress().getHostAddress() + ":" + server.getPort();
        return method + " " + target + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TRANSPORT LOCAL;branch=z9hG4bK" + token() + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: <" + target + ">\r\n"
                + "From: \"itest\" <sip:itest@LOCAL>;tag=" + token() + "\r\n"
                + "Call-ID: " + token() + "@strowger.itest\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:itest@LOCAL>\r\n"
                + "Accept: application/sdp\r\n"
                + "Content-Length: 0\r\n"
                + "\r\n";
    }

    private static String token() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /**
     * Sends {@code request} in one datagram and returns the first final response (provisional
     * ones are skipped).
     *
     * @throws AssertionError if no final response arrives within {@code timeout}
     */
    public SipResponse udp(String request, Duration timeout) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0))) {
            String message = fill(request, "UDP", socket.getLocalPort());
            sendDatagram(socket, message.getBytes(StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + timeout.toNanos();
            byte[] buffer = new byte[MAX_DATAGRAM];
            for (int datagrams = 0; datagrams < 100; datagrams++) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) left);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    break;
                }
                SipResponse response = SipResponse.parse(
                        new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
                if (response.status() >= 200) {
                    return response;
                }
            }
            throw new AssertionError("no final response over UDP from " + server + " within " + timeout
                    + " to:\n" + message);
        }
    }

    /** Sends raw bytes in one datagram from a fresh socket; returns the first datagram answered, or null. */
    public String udpRaw(byte[] datagram, Duration timeout) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0))) {
            sendDatagram(socket, datagram);
            socket.setSoTimeout((int) timeout.toMillis());
            byte[] buffer = new byte[MAX_DATAGRAM];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException silence) {
                return null;
            }
            return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        }
    }

    private void sendDatagram(DatagramSocket socket, byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, server));
    }

    /**
     * Sends {@code request} on a new TCP connection and returns the first final response,
     * framed by its Content-Length (RFC 3261 §18.3).
     *
     * @throws AssertionError if no final response arrives within {@code timeout}
     */
    public SipResponse tcp(String request, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(server.getAddress(), 0));
            socket.connect(server, (int) timeout.toMillis());
            String message = fill(request, "TCP", socket.getLocalPort());
            OutputStream out = socket.getOutputStream();
            out.write(message.getBytes(StandardCharsets.UTF_8));
            out.flush();
            long deadline = System.nanoTime() + timeout.toNanos();
            InputStream in = socket.getInputStream();
            for (int messages = 0; messages < 100; messages++) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) left);
                SipResponse response;
                try {
                    response = readStreamMessage(in);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (response == null) {
                    throw new AssertionError("TCP connection to " + server + " closed without a final response to:\n"
                            + message);
                }
                if (response.status() >= 200) {
                    return response;
                }
            }
            throw new AssertionError("no final response over TCP from " + server + " within " + timeout
                    + " to:\n" + message);
        }
    }

    /** One message from a stream: CRLFs between messages skipped, head to CRLFCRLF, body by Content-Length. */
    private static SipResponse readStreamMessage(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (head.size() == 0 && (b == '\r' || b == '\n')) {
                continue; // keep-alive CRLFs (RFC 5626 §3.5.1) or the end of a previous message
            }
            head.write(b);
            if (head.size() > MAX_STREAM_MESSAGE) {
                throw new AssertionError("response head longer than " + MAX_STREAM_MESSAGE + " bytes");
            }
            last4 = (last4 << 8) | b;
        }
        SipResponse headOnly = SipResponse.parse(head.toString(StandardCharsets.UTF_8));
        String length = headOnly.header("Content-Length");
        if (length == null) {
            length = headOnly.header("l");
        }
        int bodyLength = length == null ? 0 : Integer.parseInt(length.trim());
        assertTrue("response body length " + bodyLength, bodyLength >= 0 && bodyLength <= MAX_STREAM_MESSAGE);
        byte[] body = in.readNBytes(bodyLength);
        return SipResponse.parse(head.toString(StandardCharsets.UTF_8) + new String(body, StandardCharsets.UTF_8));
    }

    private String fill(String request, String transport, int localPort) {
        String local = server.getAddress().getHostAddress() + ":" + localPort;
        return request.replace("SIP/2.0/TRANSPORT", "SIP/2.0/" + transport.toUpperCase(Locale.ROOT))
                .replace("LOCAL", local);
    }

    /** The parts of a response the tests look at. */
    public record SipResponse(int status, String reason, String text) {

        static SipResponse parse(String text) {
            int lineEnd = text.indexOf("\r\n");
            String statusLine = lineEnd < 0 ? text : text.substring(0, lineEnd);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].equals("SIP/2.0")) {
                throw new AssertionError("not a SIP response: " + statusLine);
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new AssertionError("bad status code in: " + statusLine, e);
            }
            return new SipResponse(status, parts.length > 2 ? parts[2] : "", text);
        }

        /** The value of the first header with this name (case-insensitive), or null. */
        public String header(String name) {
            for (String line : text.split("\r\n", -1)) {
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
