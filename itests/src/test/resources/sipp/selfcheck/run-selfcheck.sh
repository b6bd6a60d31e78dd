#!/usr/bin/env bash
# Validates the SIPp scenarios of the interop ITs without Strowger: each UAC scenario of ../ runs
# against a SIPp UAS of this folder that plays Strowger's part (and checks what a UAS would check:
# the CANCEL's and the ACK's branch, RAck, the refresh's Session-Expires ...); uas-answer.xml runs
# against uac-call.xml. Every pair must end with exit code 0 on both sides (over TCP only the
# caller's counts: a SIPp UAS in timewait fails its call when the caller closes the connection;
# with -lost too: this simple callee gives up on some lost-message orders Strowger must survive).
# A second part checks that the scenarios can fail: crossed pairs must fail.
#
# Run from anywhere: itests/src/test/resources/sipp/selfcheck/run-selfcheck.sh
# Needs sipp (Debian sip-tester) and python3 (free ports). Takes about a minute.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SIPP_DIR="$(cd "$HERE/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sipp-selfcheck.XXXXXX")"
FAILED=0

free_port() {
    python3 -c 'import socket
s=socket.socket(); s.bind(("127.0.0.1",0)); p=s.getsockname()[1]
u=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); u.bind(("127.0.0.1",p)); print(p)'
}

# pair EXPECT UAS UAC TRANSPORT CALLS UAS_PAUSE_MS [UAC args...]; EXPECT = pass | fail
pair() {
    local expect="$1" uas="$2" uac="$3" t="$4" n="$5" d="$6"; shift 6
    local p q uas_pid uac_rc uas_rc name ok
    name="$(basename "$uac" .xml) vs $(basename "$uas" .xml) over $t${*:+ ($*)}"
    p="$(free_port)"; q="$(free_port)"
    timeout 120 sipp -sf "$uas" -t "$t" -i 127.0.0.1 -p "$p" -m "$n" -d "$d" -timeout 30s -nostdin \
        -trace_err -error_file "$WORK/uas.err" > "$WORK/uas.out" 2>&1 &
    uas_pid=$!
    sleep 0.5
    timeout 120 sipp 127.0.0.1:"$p" -sf "$uac" -s echo -t "$t" -i 127.0.0.1 -p "$q" -m "$n" -r 10 -timeout 90s \
        -recv_timeout 10000 -nostdin -trace_err -error_file "$WORK/uac.err" "$@" > "$WORK/uac.out" 2>&1
    uac_rc=$?
    wait "$uas_pid"; uas_rc=$?
    if [ "$expect" = pass ]; then
        ok=0
        [ "$uac_rc" = 0 ] && { [ "$t" = t1 ] || [[ " $* " == *" -lost "* ]] || [ "$uas_rc" = 0 ]; } && ok=1
    else
        ok=0
        [ "$uac_rc" != 0 ] && ok=1
    fi
    if [ "$ok" = 1 ]; then
        echo "ok    $expect: $name"
    else
        echo "FAIL  expected $expect: $name (caller exit $uac_rc, callee exit $uas_rc)"
        sed -n '1,5p' "$WORK/uac.err" "$WORK/uas.err" 2>/dev/null
        FAILED=1
    fi
    rm -f "$WORK"/uac.err "$WORK"/uas.err
}

S="$SIPP_DIR"; C="$HERE"
for t in u1 t1; do
    pair pass "$C/uas-call.xml" "$S/uac-call.xml" "$t" 3 0 -d 200
    pair pass "$C/uas-cancel.xml" "$S/uac-cancel.xml" "$t" 3 0
    pair pass "$C/uas-prack.xml" "$S/uac-prack.xml" "$t" 3 0 -key rel Require -d 200
    pair pass "$C/uas-update.xml" "$S/uac-update.xml" "$t" 3 0
    pair pass "$S/uas-answer.xml" "$S/uac-call.xml" "$t" 1 0 -d 300
done
pair pass "$C/uas-prack.xml" "$S/uac-prack.xml" u1 3 0 -key rel Supported -d 200
pair pass "$C/uas-timer-update.xml" "$S/uac-timer-update.xml" u1 1 2000
pair pass "$C/uas-timer-reinvite.xml" "$S/uac-timer-reinvite.xml" u1 1 2000
pair pass "$C/uas-bye-from-uas.xml" "$S/uac-bye-from-uas.xml" u1 2 1500
pair pass "$C/uas-call.xml" "$S/uac-call.xml" u1 100 0 -r 20 -d 2000 -lost 10 -recv_timeout 30000

# the checks bite: a refresh by the other method, a callee that answers instead of ringing,
# a 180 without 100rel, an UPDATE answered without SDP (the basic callee rejects it)
pair fail "$C/uas-timer-reinvite.xml" "$S/uac-timer-update.xml" u1 1 1000
pair fail "$C/uas-timer-update.xml" "$S/uac-timer-reinvite.xml" u1 1 1000
pair fail "$C/uas-call.xml" "$S/uac-cancel.xml" u1 1 0 -recv_timeout 3000
pair fail "$C/uas-call.xml" "$S/uac-prack.xml" u1 1 0 -key rel Require -recv_timeout 3000
pair fail "$C/uas-call.xml" "$S/uac-update.xml" u1 1 0 -recv_timeout 3000

rm -rf "$WORK"
[ "$FAILED" = 0 ] && echo "all SIPp scenario self-checks passed" || echo "some SIPp scenario self-checks FAILED"
exit "$FAILED"
