package org.strowger.sip.dialog.api;

public enum Direction {
    INCOMING,
    OUTGOING
}
