package org.strowger.sip.transport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Describes a socket buffer size as granted by the kernel, for the listener's bind log line. Linux
 * caps a request at {@code net.core.rmem_max} / {@code wmem_max}, then doubles it for its bookkeeping
 * overhead and reports (getsockopt) the doubled value (socket(7)).
 */
final class SocketBuffers {

    static final String RMEM_MAX = "net.core.rmem_max";
    static final String WMEM_MAX = "net.core.wmem_max";

    private SocketBuffers() {
    }

    /** Reads a sysctl such as {@link #RMEM_MAX} from /proc/sys; -1 when not there (not Linux). Not for I/O threads. */
    static long sysctl(String name) {
        return read(Path.of("/proc/sys", name.split("\\.")));
    }

    /**
     * @param requested bytes configured, 0 for the kernel default
     * @param granted   what the socket reports now
     * @param sysctl    the kernel's cap, {@link #RMEM_MAX} or {@link #WMEM_MAX}
     * @param max       its value, -1 when unknown
     */
    static String report(int requested, int granted, String sysctl, long max) {
        if (requested <= 0) {
            return granted + " bytes (kernel default)";
        }
        String text = granted + " bytes granted for " + requested + " requested";
        if (max > 0 && requested > max) {
            return text + ", capped by " + sysctl + "=" + max + ": raise it with 'sysctl -w " + sysctl + "=" + requested
                    + "' (and in /etc/sysctl.d/ to keep it)";
        }
        if (max <= 0 && granted < requested) {
            return text + ", limited by the operating system";
        }
        return text;
    }

    /** Reads to the end: /proc files may report a size that is not theirs (so no Files.readString). */
    private static long read(Path file) {
        if (!Files.isReadable(file)) {
            return -1;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Long.parseLong(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
