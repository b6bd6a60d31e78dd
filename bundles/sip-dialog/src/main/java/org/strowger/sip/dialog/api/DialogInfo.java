package org.strowger.sip.dialog.api;

import java.time.Duration;
import java.util.List;

import org.strowger.sip.message.api.NameAddr;
import org.strowger.sip.message.api.Uri;

/**
 * A snapshot of a dialog's state (RFC 3261 §12): for {@code sip:dialogs} and applications.
 *
 * @param callId       Call-ID
 * @param localTag     local tag
 * @param remoteTag    remote tag ({@code null} for an outgoing INVITE before any tagged response)
 * @param direction    who sent the INVITE
 * @param state        the INVITE session's state
 * @param localUri     local URI (From of our requests)
 * @param remoteUri    remote URI
 * @param remoteTarget the remote target (Contact), the Request-URI of in-dialog requests
 * @param routeSet     the route set
 * @param localCSeq    last CSeq sent, {@code -1} if none
 * @param remoteCSeq   last CSeq received, {@code -1} if none
 * @param secure       whether it is a sips dialog
 * @param sessionExpires the negotiated session interval, {@link Duration#ZERO} without session timer
 * @param localRefresher whether this side refreshes the session (RFC 4028)
 * @param age          since the INVITE
 */
public record DialogInfo(String callId, String localTag, String remoteTag, Direction direction, CallState state,
        NameAddr localUri, NameAddr remoteUri, Uri remoteTarget, List<NameAddr> routeSet, long localCSeq,
        long remoteCSeq, boolean secure, Duration sessionExpires, boolean localRefresher, Duration age) {
}
