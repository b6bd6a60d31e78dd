#!/usr/bin/env bash
# Shared by calls-load.sh and options-load.sh (sourced, not run): ports, process control,
# SIPp statistics and /proc readings. wait_ready probes with the function named in READY_PROBE.

# A port free for both UDP and TCP on 127.0.0.1 (the kernel picks it; checked for UDP too).
free_port() {
    local i p
    for i in $(seq 1 50); do
        if command -v python3 >/dev/null; then
            p="$(python3 -c 'import socket
s=socket.socket(); s.bind(("127.0.0.1",0)); p=s.getsockname()[1]
u=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); u.bind(("127.0.0.1",p)); print(p)' 2>/dev/null)" || continue
        else
            p=$((20000 + RANDOM % 40000))
            ss -Hlntu "sport = :$p" | grep -q . && continue
        fi
        echo "$p"; return 0
    done
    die "no free port found in 50 attempts"
}

# Wait (bounded) until HOST:PORT passes the READY_PROBE (a call, an OPTIONS); $2 = seconds, $3 = PID that must stay alive.
wait_ready() {
    local hostport="$1" seconds="$2" pid="${3:-}" deadline=$((SECONDS + $2))
    while [ "$SECONDS" -lt "$deadline" ]; do
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
            return 1
        fi
        "$READY_PROBE" "$hostport" && return 0
        sleep 0.5
    done
    return 1
}

# Stop a PID we started: TERM, wait up to 15 s, then KILL.
stop_pid() {
    local pid="$1" i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 30); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.5
    done
    kill -KILL "$pid" 2>/dev/null || true
}

# Summarise a SIPp -trace_stat CSV: completed failed retransmissions seconds completed_per_s.
# Times come from the StartTime/CurrentTime epochs (ElapsedTime has only 1 s resolution).
summarise() {
    awk -F';' '
        NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        NF > 10 { last = $0 }
        END {
            if (last == "") { print "0 0 0 0 0"; exit }
            n = split(last, f, ";")
            split(f[col["StartTime"]], s, "\t"); split(f[col["CurrentTime"]], c, "\t")
            secs = c[3] - s[3]
            ok = f[col["SuccessfulCall(C)"]]; bad = f[col["FailedCall(C)"]]
            re = f[col["Retransmissions(C)"]]
            printf "%d %d %d %.2f %.0f\n", ok, bad, re, secs, (secs > 0 ? ok / secs : 0)
        }' "$1"
}

cpu_ticks() {
    local root="$1" p total=0 t
    [ -n "$root" ] || { echo 0; return 0; }
    for p in $(ps -e -o pid=,ppid= | awk -v root="$root" '
            { parent[$1] = $2 }
            END {
                for (p in parent) {
                    q = p
                    for (depth = 0; depth < 16 && q != "" && q != root && q > 1; depth++) q = parent[q]
                    if (q == root) print p
                }
            }'); do
        # after "pid (comm) " the fields are state(3) ... utime(14) stime(15): $12 and $13
        t="$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null | awk '{ print $12 + $13 }')" || t=0
        total=$((total + ${t:-0}))
    done
    echo "$total"
}

# UDP datagrams the kernel dropped because a socket's receive buffer was full (all sockets of
# this machine: the callee's and SIPp's); from /proc/net/snmp, Udp: RcvbufErrors.
udp_rcvbuf_errors() {
    awk '$1 == "Udp:" { if (!n) { for (i = 2; i <= NF; i++) if ($i == "RcvbufErrors") c = i; n = 1 }
                        else { print $c + 0; exit } }' /proc/net/snmp 2>/dev/null || echo 0
}
