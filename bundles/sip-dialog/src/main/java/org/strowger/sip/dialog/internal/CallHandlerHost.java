package org.strowger.sip.dialog.internal;

import org.strowger.sip.dialog.spi.CallHandler;

/**
 * The running user agent as {@link CallHandlerBinding} sees it: a service private to this bundle
 * (its package is not exported), registered by {@link UserAgentComponent}.
 */
public interface CallHandlerHost {

    void setCallHandler(CallHandler handler);

    /** Unbinds {@code handler} if it is still the bound one. */
    void clearCallHandler(CallHandler handler);
}
