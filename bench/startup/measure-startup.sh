#!/usr/bin/env bash
#
# Start-to-SIP-ready time of the built distribution (karaf-assembly/target/assembly).
#
# For each run: copies the distribution into a temporary folder (first run: empty data/, a
# cold start; later runs reuse that data/, a warm start), starts it with bin/start on free
# ports (SIP UDP/TCP and ssh on 127.0.0.1), sends a UDP OPTIONS every 100 ms until a
# "SIP/2.0 200" comes back, prints the seconds from bin/start to that 200, then stops it
# (bin/stop, then kill by PID if it has not exited within 20 s).
#
# Usage: bench/startup/measure-startup.sh [runs]   (default 3; needs python3)
#
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
DIST="$ROOT/karaf-assembly/target/assembly"
RUNS="${1:-3}"
TIMEOUT_S=60

[ -x "$DIST/bin/start" ] || { echo "no distribution in $DIST: build it first (./run or mvn -B install)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }

WORK="$(mktemp -d /tmp/strowger-startup.XXXXXX)"
cp -a "$DIST" "$WORK/dist"
rm -rf "$WORK/dist/data"
KARAF_PID=""

stop_karaf() {
    [ -n "$KARAF_PID" ] || return 0
    (cd "$WORK/dist" && bin/stop >/dev/null 2>&1) || true
    for _ in $(seq 1 200); do
        kill -0 "$KARAF_PID" 2>/dev/null || { KARAF_PID=""; return 0; }
        sleep 0.1
    done
    kill -9 "$KARAF_PID" 2>/dev/null || true
    KARAF_PID=""
}
KEEP_WORK=""
cleanup() { stop_karaf; [ -n "$KEEP_WORK" ] || rm -rf "$WORK"; }
trap cleanup EXIT

# A port free for both UDP and TCP on 127.0.0.1.
free_port() {
    python3 - <<'PY'
import socket
for _ in range(50):
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    t.bind(("127.0.0.1", 0))
    port = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", port))
    except OSError:
        t.close(); continue
    u.close(); t.close()
    print(port); break
else:
    raise SystemExit("no free port")
PY
}

# Sends OPTIONS over UDP every 100 ms until a 200 arrives; prints the seconds since $1 (epoch, float).
await_options_200() {
    python3 - "$1" "$2" "$TIMEOUT_S" <<'PY'
import socket, sys, time, random
start, port, timeout = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
local = s.getsockname()[1]
s.settimeout(0.1)
while time.time() - start < timeout:
    tag = "%016x" % random.getrandbits(64)
    msg = ("OPTIONS sip:127.0.0.1:%d SIP/2.0\r\n"
           "Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bK%s;rport\r\n"
           "Max-Forwards: 70\r\nTo: <sip:127.0.0.1:%d>\r\n"
           "From: <sip:startup@127.0.0.1:%d>;tag=%s\r\nCall-ID: %s@startup\r\n"
           "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n") % (port, local, tag, port, local, tag, tag)
    s.sendto(msg.encode(), ("127.0.0.1", port))
    deadline = time.time() + 0.1
    while time.time() < deadline:
        try:
            data = s.recv(65535)
        except (socket.timeout, ConnectionRefusedError):
            break
        if data.startswith(b"SIP/2.0 200"):
            print("%.2f" % (time.time() - start)); sys.exit(0)
sys.exit("no 200 OK within %.0f s" % timeout)
PY
}

results=()
for run in $(seq 1 "$RUNS"); do
    sip_port="$(free_port)"
    ssh_port="$(free_port)"
    kind=$([ "$run" -eq 1 ] && echo cold || echo warm)
    rm -f "$WORK/dist/karaf.pid"
    start="$(python3 -c 'import time; print(time.time())')"
    (cd "$WORK/dist" && STROWGER_SIP_HOST=127.0.0.1 STROWGER_SIP_PORT="$sip_port" \
        STROWGER_SSH_HOST=127.0.0.1 STROWGER_SSH_PORT="$ssh_port" bin/start)
    for _ in $(seq 1 100); do
        [ -s "$WORK/dist/karaf.pid" ] && break
        sleep 0.05
    done
    KARAF_PID="$(cat "$WORK/dist/karaf.pid" 2>/dev/null || true)"
    if seconds="$(await_options_200 "$start" "$sip_port")"; then
        echo "run $run ($kind start): SIP-ready (UDP OPTIONS -> 200) after ${seconds} s"
        results+=("$kind=$seconds")
    else
        echo "run $run ($kind start): no 200 within ${TIMEOUT_S} s; log: $WORK/dist/data/log/karaf.log" >&2
        grep -E "ERROR|WARN" "$WORK/dist/data/log/karaf.log" | tail -n 20 >&2 || true
        KEEP_WORK=yes
        exit 1
    fi
    stop_karaf
done
echo "start-to-SIP-ready seconds: ${results[*]}"
