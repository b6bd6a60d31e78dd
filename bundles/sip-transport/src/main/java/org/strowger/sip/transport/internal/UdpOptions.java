package org.strowger.sip.transport.internal;

/**
 * The UDP socket options of one listener ({@link ListenerConfig#udpReaders()},
 * {@link ListenerConfig#udpReceiveBuffer()}, {@link ListenerConfig#udpSendBuffer()}); validated by
 * {@link ListenerSettings}, ignored by TCP listeners.
 *
 * @param readers       sockets sharing the address with SO_REUSEPORT (epoll only); 0 = one per I/O thread
 * @param receiveBuffer SO_RCVBUF in bytes; 0 = kernel default
 * @param sendBuffer    SO_SNDBUF in bytes; 0 = kernel default
 */
record UdpOptions(int readers, int receiveBuffer, int sendBuffer) {

    /**
     * 4 MiB: a burst of ≈ 100 ms at 40,000 datagrams/s. Linux charges each queued datagram its buffer
     * overhead (≈ 1–2 KiB for a 400-byte request), so the usual 208 KiB default holds only a few
     * hundred requests.
     */
    static final int DEFAULT_RECEIVE_BUFFER = 4 * 1024 * 1024;

    static final int MAX_READERS = 1024;
    /** Above 1 GiB the kernel's doubling of the request would overflow. */
    static final int MAX_BUFFER = 1 << 30;

    static final UdpOptions DEFAULTS = new UdpOptions(0, DEFAULT_RECEIVE_BUFFER, 0);

    /** The sockets to bind: {@code readers}, or one per I/O thread when 0; always 1 without SO_REUSEPORT. */
    int effectiveReaders(int ioThreads, boolean reusePort) {
        if (!reusePort) {
            return 1;
        }
        return readers > 0 ? readers : Math.max(1, ioThreads);
    }
}
