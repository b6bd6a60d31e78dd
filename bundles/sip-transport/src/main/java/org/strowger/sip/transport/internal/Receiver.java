package org.strowger.sip.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.platform.api.Clock;
import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.ParseFailure;
import org.strowger.sip.message.api.ParseResult;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipParser;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.Via;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.InboundMessage;
import org.strowger.sip.transport.api.Transport;
import org.strowger.sip.transport.spi.SipMessageHandler;

/**
 * Inbound processing shared by all transports: parse, answer or drop what is bad, apply RFC 3261
 * §18.2.1 (requests) and §18.1.2 (responses), count, trace, notify observers, hand up to the
 * {@link SipMessageHandler}. Runs on the I/O thread; nothing thrown here reaches the pipeline.
 */
final class Receiver {

    private static final Logger LOG = LoggerFactory.getLogger(Receiver.class);
    private static final byte[] PONG = {'\r', '\n'};

    private final TransportSettings settings;
    private final SipParser parser;
    private final Listeners listeners;
    private final Tracer tracer;
    private final Observers observers;
    private final HandlerSlot handler;
    private final Clock clock;
    private volatile Sender sender;

    Receiver(TransportSettings settings, SipParser parser, Listeners listeners, Tracer tracer, Observers observers,
            HandlerSlot handler, Clock clock) {
        this.settings = settings;
        this.parser = parser;
        this.listeners = listeners;
        this.tracer = tracer;
        this.observers = observers;
        this.handler = handler;
        this.clock = clock;
    }

    void setSender(Sender sender) {
        this.sender = sender;
    }

    /**
     * One datagram (the caller releases {@code content}). Size limits are the parser's: a request over
     * maxMessageSize gets its 513 like any other parse failure.
     */
    void onDatagram(Listener listener, ByteBuf content, InetSocketAddress source) {
        long now = clock.nanoTime();
        if (isOnlyCrlf(content)) { // an empty or CRLF-only datagram is a NAT keep-alive: nothing to do
            listener.counters().keepAlives.increment();
            return;
        }
        Flow flow = new Flow(Transport.UDP, listener.localAddress(), source, 0);
        byte[] bytes = ByteBufUtil.getBytes(content);
        try {
            receive(listener, bytes, flow, now);
        } catch (RuntimeException e) {
            listener.counters().parseErrors.increment();
            LOG.warn("listener={} remote={} unexpected error processing a datagram, dropped", listener.name(),
                    Flow.format(source), e);
        }
    }

    /** One stream frame; this method releases it. */
    void onFrame(Connection connection, StreamFrame frame) {
        Listener listener = connection.listener;
        try {
            if (frame.ping()) { // RFC 5626 §3.5.1: answer a double-CRLF ping with a single-CRLF pong
                listener.counters().keepAlives.increment();
                connection.channel.writeAndFlush(Unpooled.wrappedBuffer(PONG));
                return;
            }
            if (frame.error() != null) {
                onFramingError(connection, frame);
                return;
            }
            long now = clock.nanoTime();
            receive(listener, ByteBufUtil.getBytes(frame.bytes()), connection.flow, now);
        } catch (RuntimeException e) {
            listener.counters().parseErrors.increment();
            LOG.warn("listener={} {} unexpected error processing input, closing", listener.name(), connection, e);
            connection.channel.close();
        } finally {
            frame.release();
        }
    }

    /** §18.3: answer what can be answered, then close: the stream has no usable framing any more. */
    private void onFramingError(Connection connection, StreamFrame frame) {
        Listener listener = connection.listener;
        FrameError error = frame.error();
        if (error == FrameError.MESSAGE_TIMEOUT) { // a slow sender: nothing complete to answer
            listener.counters().messageTimeouts.increment();
            LOG.debug("listener={} {} message incomplete after tcpMessageTimeout={} s, closing", listener.name(), connection,
                    settings.tcpMessageTimeout().toSeconds());
            connection.channel.close();
            return;
        }
        listener.counters().parseErrors.increment();
        LOG.debug("listener={} {} framing error: {} {}, closing", listener.name(), connection, error.statusCode(),
                error.reason());
        SipResponse answer = null;
        if (frame.bytes() != null) {
            byte[] header = ByteBufUtil.getBytes(frame.bytes());
            ParseResult parsed = parser.parse(header, 0, header.length);
            tracer.unparsed(header, header.length, connection.flow, error.reason());
            if (parsed.isSuccess() && parsed.message() instanceof SipRequest request && !isAck(request)
                    && request.topVia() != null) {
                answer = statelessAnswer(request, error.statusCode(), error.reason());
            } else if (!parsed.isSuccess() && parsed.failure().isRequest()) {
                // the header section has problems of its own; answer the framing error with what could be read
                answer = parsed.failure().errorResponse().filter(r -> !answersAck(r))
                        .map(r -> statelessAnswer(r, error.statusCode(), error.reason())).orElse(null);
            }
        }
        if (answer == null) {
            connection.channel.close();
            return;
        }
        stampVia(answer, connection.flow);
        sender.sendOnConnection(answer, connection).whenComplete((flow, failure) -> connection.channel.close());
    }

    private void receive(Listener listener, byte[] bytes, Flow flow, long now) {
        ParseResult result;
        try {
            result = parser.parse(bytes, 0, bytes.length);
        } catch (RuntimeException e) { // the parser must not throw; if it does, the input is still just bad
            listener.counters().parseErrors.increment();
            LOG.warn("listener={} remote={} parser threw on {} bytes, dropped", listener.name(), Flow.format(flow.remote()),
                    bytes.length, e);
            return;
        }
        if (!result.isSuccess()) {
            onParseFailure(listener, bytes, flow, result.failure());
            return;
        }
        SipMessage message = result.message();
        Via top;
        try {
            top = message.topVia();
        } catch (RuntimeException e) { // a Via the parser let through but cannot type
            top = null;
        }
        if (top == null) {
            listener.counters().parseErrors.increment();
            LOG.debug("listener={} remote={} {} without Via, dropped", listener.name(), Flow.format(flow.remote()),
                    message.isRequest() ? "request" : "response");
            return;
        }
        if (message instanceof SipRequest) {
            message.setTopVia(ViaReceipt.stamp(top, flow.remote()));
        } else if (!listeners.isOurSentBy(top.host(), top.port())) {
            listener.counters().dropped.increment();
            LOG.debug("listener={} remote={} response with foreign Via sent-by {}:{}, discarded (RFC 3261 §18.1.2)",
                    listener.name(), Flow.format(flow.remote()), top.host(), top.port());
            return;
        }
        listener.counters().messagesIn.increment();
        tracer.received(message, flow);
        observers.received(message, flow);
        deliver(listener, message, flow, now);
    }

    private void onParseFailure(Listener listener, byte[] bytes, Flow flow, ParseFailure failure) {
        listener.counters().parseErrors.increment();
        tracer.unparsed(bytes, bytes.length, flow, failure.statusCode() + " " + failure.reason());
        Optional<SipResponse> answer = failure.isRequest()
                ? failure.errorResponse().filter(r -> !answersAck(r)) : Optional.empty();
        LOG.debug("listener={} remote={} unparseable {} ({} bytes): {} {}{}", listener.name(), Flow.format(flow.remote()),
                failure.isRequest() ? "request" : "message", bytes.length, failure.statusCode(), failure.reason(),
                answer.isPresent() ? ", answering" : ", dropped");
        if (answer.isPresent() && answer.get().topVia() != null) {
            SipResponse response = answer.get();
            stampVia(response, flow);
            sender.sendResponse(response, flow);
        }
    }

    private void deliver(Listener listener, SipMessage message, Flow flow, long now) {
        SipMessageHandler h = handler.get();
        if (h != null) {
            try {
                h.onMessage(new InboundMessage(message, flow, now));
            } catch (RuntimeException e) {
                LOG.warn("listener={} remote={} message handler {} threw; the message is lost", listener.name(),
                        Flow.format(flow.remote()), h.getClass().getName(), e);
            }
            return;
        }
        if (message instanceof SipRequest request && !isAck(request) && settings.rejectWithoutHandler()) {
            LOG.debug("listener={} remote={} no SIP message handler registered: 503", listener.name(), Flow.format(flow.remote()));
            SipResponse unavailable = statelessAnswer(request, 503, null);
            unavailable.setHeader(HeaderNames.RETRY_AFTER, "5");
            sender.sendResponse(unavailable, flow);
        } else {
            listener.counters().dropped.increment();
        }
    }

    /**
     * A response the transport sends itself (framing errors, 503 without an upper layer), built from
     * the request or from another response to it, with a stateless To tag (RFC 3261 §8.2.6.2).
     */
    private static SipResponse statelessAnswer(SipMessage requestOrResponse, int statusCode, String reason) {
        SipResponse response = SipResponse.createFor(requestOrResponse, statusCode, reason);
        response.addStatelessToTag();
        return response;
    }

    /** Error responses built from the raw request carry its Via: route them like §18.2.1 would have. */
    private static void stampVia(SipResponse response, Flow flow) {
        Via top = response.topVia();
        if (top != null) {
            response.setTopVia(ViaReceipt.stamp(top, flow.remote()));
        }
    }

    private static boolean isAck(SipRequest request) {
        return SipMethod.ACK.equals(request.method());
    }

    /** RFC 3261 §17.2.1/§8.2.6: an ACK is never answered, even a malformed one. */
    private static boolean answersAck(SipResponse response) {
        try {
            return response.cseq() != null && SipMethod.ACK.equals(response.cseq().method());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean isOnlyCrlf(ByteBuf content) {
        int end = content.writerIndex();
        for (int i = content.readerIndex(); i < end; i++) {
            byte b = content.getByte(i);
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
