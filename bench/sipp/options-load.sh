#!/usr/bin/env bash
# OPTIONS load against Strowger and Kamailio, side by side, on this machine, in one run.
#
# For each server and transport (UDP, TCP) SIPp (bench/sipp/options-uac.xml) sends OPTIONS, after
# an unreported warm-up, at a ladder of fixed rates and then at the maximum rate it can sustain
# with a bounded number of outstanding requests; every step runs for a bounded time. From SIPp's
# -trace_stat CSV the script reports answered requests/s (200 OK received per second of the
# step), failed requests (timeouts, wrong answers) and retransmissions; from /proc it adds the
# server's and SIPp's CPU time and the kernel's UDP receive-buffer drops; then it prints one
# side-by-side Markdown table.
#
# Kamailio (Debian package 'kamailio', bench/kamailio/kamailio.cfg, stateless sl replies) is
# started on a free 127.0.0.1 port and stopped by PID. Strowger is either already running
# (--target HOST:PORT, UDP and TCP on that port) or started by this script (--start-strowger):
# the distribution is copied to a scratch directory, started with bin/start on a free port
# (STROWGER_SIP_HOST/STROWGER_SIP_PORT), polled until it answers OPTIONS, and stopped with
# bin/stop and then by PID.
#
# See bench/README.md. Exit status: 0 when every step ran, 1 on a setup error.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
READY_PROBE=answers_options
REPO="$(cd "$HERE/../.." && pwd)"
SCENARIO="$HERE/options-uac.xml"
KAMAILIO_CFG="$REPO/bench/kamailio/kamailio.cfg"

TARGET=""
START_STROWGER=0
ASSEMBLY="$REPO/karaf-assembly/target/assembly"
RUN_KAMAILIO=1
TRANSPORTS="udp tcp"
RATES="1000 5000 10000 20000"
RUN_MAX=1
DURATION=10
LIMIT=500
# SIPp socket buffers (its default of 64 KB drops UDP answers under load; the kernel caps it)
BUFF=4194304
WARMUP=5
TARGET_PID=""
READY_TIMEOUT=60
OUT=""

usage() {
    cat <<EOF
usage: $0 [--target HOST:PORT | --start-strowger [--assembly DIR]] [options]

  --target HOST:PORT     a running Strowger (or other SIP server), UDP and TCP on PORT
  --target-pid PID       its process id, to report its CPU use (optional)
  --start-strowger       start the distribution ($ASSEMBLY) on a free 127.0.0.1 port
  --assembly DIR         the distribution to start (default: karaf-assembly/target/assembly)
  --no-kamailio          skip the Kamailio side (default: run it)
  --kamailio-only        only Kamailio (no Strowger)
  --transports "udp tcp" transports to load (default: "$TRANSPORTS")
  --rates "R1 R2 ..."    fixed-rate ladder in requests/s (default: "$RATES"; "" for none)
  --no-max               skip the maximum-rate step
  --duration S           seconds per step (default: $DURATION)
  --limit N              outstanding requests in the maximum-rate step (default: $LIMIT)
  --warmup S             unreported max-rate warm-up per server and transport (default: $WARMUP)
  --ready-timeout S      seconds to wait for Strowger to answer OPTIONS (default: $READY_TIMEOUT)
  --out DIR              where CSVs and logs go (default: a new directory under \${TMPDIR:-/tmp})
EOF
}

die() { echo "options-load: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
    case "$1" in
        --target) TARGET="${2:?}"; shift 2 ;;
        --start-strowger) START_STROWGER=1; shift ;;
        --assembly) ASSEMBLY="${2:?}"; shift 2 ;;
        --no-kamailio) RUN_KAMAILIO=0; shift ;;
        --kamailio-only) TARGET=""; START_STROWGER=0; RUN_KAMAILIO=1; KAMAILIO_ONLY=1; shift ;;
        --transports) TRANSPORTS="${2:?}"; shift 2 ;;
        --rates) RATES="${2?}"; shift 2 ;;
        --no-max) RUN_MAX=0; shift ;;
        --duration) DURATION="${2:?}"; shift 2 ;;
        --limit) LIMIT="${2:?}"; shift 2 ;;
        --warmup) WARMUP="${2:?}"; shift 2 ;;
        --target-pid) TARGET_PID="${2:?}"; shift 2 ;;
        --ready-timeout) READY_TIMEOUT="${2:?}"; shift 2 ;;
        --out) OUT="${2:?}"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done

KAMAILIO_ONLY="${KAMAILIO_ONLY:-0}"
if [ "$KAMAILIO_ONLY" = 0 ] && [ -z "$TARGET" ] && [ "$START_STROWGER" = 0 ]; then
    usage >&2; die "give --target HOST:PORT, --start-strowger or --kamailio-only"
fi
[ -n "$TARGET" ] && [ "$START_STROWGER" = 1 ] && die "--target and --start-strowger exclude each other"
[[ "$DURATION" =~ ^[1-9][0-9]*$ ]] || die "--duration must be a positive integer, got '$DURATION'"
[[ "$LIMIT" =~ ^[1-9][0-9]*$ ]] || die "--limit must be a positive integer, got '$LIMIT'"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "--warmup must be a number of seconds, got '$WARMUP'"
[ -z "$TARGET_PID" ] || [[ "$TARGET_PID" =~ ^[1-9][0-9]*$ ]] || die "--target-pid must be a process id"
[[ "$READY_TIMEOUT" =~ ^[1-9][0-9]*$ ]] || die "--ready-timeout must be a positive integer"
for r in $RATES; do [[ "$r" =~ ^[1-9][0-9]*$ ]] || die "rates must be positive integers, got '$r'"; done
for t in $TRANSPORTS; do
    case "$t" in udp|tcp) ;; *) die "transport must be udp or tcp, got '$t'" ;; esac
done
command -v sipp >/dev/null || die "sipp not found: apt-get install sip-tester"
if [ "$RUN_KAMAILIO" = 1 ]; then
    command -v kamailio >/dev/null || die "kamailio not found: apt-get install kamailio (or pass --no-kamailio)"
fi
[ -f "$SCENARIO" ] || die "scenario missing: $SCENARIO"

OUT="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/strowger-options-load.XXXXXX")}"
mkdir -p "$OUT"
RESULTS="$OUT/results.csv"
[ ! -e "$RESULTS" ] && [ ! -e "$OUT/strowger" ] || die "$OUT holds an earlier run: give a new --out"
echo "server,transport,step,offered_per_s,answered,failed,retransmissions,seconds,answered_per_s,server_cpu_s,sipp_cpu_s,answered_per_server_cpu_s,udp_rcvbuf_errors" > "$RESULTS"

# ---------------------------------------------------------------- helpers


# One OPTIONS over UDP must get 200 within 2 s.
answers_options() {
    local hostport="$1"
    timeout 10 sipp -sf "$SCENARIO" -t u1 -i 127.0.0.1 -p "$(free_port)" -m 1 -timeout 2s \
        -nostdin "$hostport" >/dev/null 2>&1
}




# CPU time (clock ticks, user + system) used so far by PID and all its descendants: the JVM of
# Strowger, or Kamailio's main process and its worker processes.
CLK_TCK="$(getconf CLK_TCK)"


# run_step SERVER SERVER_PID TRANSPORT HOST:PORT STEP [warmup]; STEP is a rate or "max"
run_step() {
    local server="$1" pid="$2" transport="$3" hostport="$4" step="$5" warmup="${6:-}"
    local flag tag csv log tfile args offered ok bad re secs rate duration=$DURATION
    local cpu0 cpu1 server_cpu sipp_cpu server_pct sipp_pct per_cpu drop0 drop1 drops
    case "$transport" in udp) flag=u1 ;; tcp) flag=t1 ;; esac
    tag="$server-$transport-$step${warmup:+-warmup}"
    [ -n "$warmup" ] && duration=$WARMUP
    csv="$OUT/$tag.csv"; log="$OUT/$tag.log"; tfile="$OUT/$tag.time"
    rm -f "$csv"
    if [ "$step" = max ]; then
        # closed loop: as fast as answers come back, at most LIMIT outstanding
        args=(-r 1000000 -l "$LIMIT" -timeout "${duration}s")
        offered="max(l=$LIMIT)"
    else
        # open loop: STEP requests/s for DURATION s; the limit only stops a pile-up of timeouts
        args=(-r "$step" -m $((step * duration)) -l $((step * 6 + 100)) -timeout "$((duration + 10))s")
        offered="$step"
    fi
    cpu0="$(cpu_ticks "$pid")"; drop0="$(udp_rcvbuf_errors)"
    local TIMEFORMAT='%U %S'
    { time timeout $((duration + 40)) sipp -sf "$SCENARIO" -t "$flag" -i 127.0.0.1 -p "$(free_port)" \
        "${args[@]}" -buff_size "$BUFF" -nostdin -trace_stat -stf "$csv" -fd 1 "$hostport" >"$log" 2>&1 ; } 2>"$tfile" || true
    cpu1="$(cpu_ticks "$pid")"; drop1="$(udp_rcvbuf_errors)"; drops=$((drop1 - drop0))
    [ -n "$warmup" ] && return 0
    if [ ! -s "$csv" ]; then
        echo "options-load: no statistics from sipp for $tag, see $log" >&2
        echo "$server,$transport,$step,$offered,0,0,0,0,0,,0,0,$drops" >> "$RESULTS"
        return 0
    fi
    read -r ok bad re secs rate < <(summarise "$csv")
    server_cpu="$(awk -v t=$((cpu1 - cpu0)) -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", t / hz }')"
    [ -n "$pid" ] || server_cpu=""   # not our process and no --target-pid: unknown
    sipp_cpu="$(awk '{ printf "%.2f", $1 + $2 }' "$tfile" 2>/dev/null || echo 0)"
    read -r server_pct sipp_pct per_cpu < <(awk -v s="$secs" -v c="$server_cpu" -v k="$sipp_cpu"         -v ok="$ok" 'BEGIN { if (s <= 0) s = 1
            if (c == "") printf "n/a %.0f n/a\n", 100 * k / s
            else printf "%.0f %.0f %.0f\n", 100 * c / s, 100 * k / s, (c > 0 ? ok / c : 0) }')
    echo "$server,$transport,$step,$offered,$ok,$bad,$re,$secs,$rate,$server_cpu,$sipp_cpu,$per_cpu,$drops" >> "$RESULTS"
    printf '  %-8s %-3s %-11s answered/s %6s  failed %5s  retrans %5s  UDP drops %5s  CPU server %3s%% SIPp %3s%%  (%ss)\n' \
        "$server" "$transport" "$offered" "$rate" "$bad" "$re" "$drops" "$server_pct" "$sipp_pct" "$secs"
}

# run_server SERVER SERVER_PID HOST:PORT: per transport a warm-up (not reported), the ladder, max
run_server() {
    local server="$1" pid="$2" hostport="$3" t r
    for t in $TRANSPORTS; do
        if [ "$WARMUP" -gt 0 ]; then run_step "$server" "$pid" "$t" "$hostport" max warmup; fi
        for r in $RATES; do run_step "$server" "$pid" "$t" "$hostport" "$r"; done
        if [ "$RUN_MAX" = 1 ]; then run_step "$server" "$pid" "$t" "$hostport" max; fi
    done
}

# ---------------------------------------------------------------- servers

KAM_PID=""
STROWGER_PID=""
STROWGER_PID_FOR_CPU=""
STROWGER_HOME=""

start_kamailio() {
    local port; port="$(free_port)"
    mkdir -p "$OUT/kamailio-run"
    kamailio -f "$KAMAILIO_CFG" -DD -E -Y "$OUT/kamailio-run" \
        -l "udp:127.0.0.1:$port" -l "tcp:127.0.0.1:$port" >"$OUT/kamailio.log" 2>&1 &
    KAM_PID=$!
    KAM_TARGET="127.0.0.1:$port"
    wait_ready "$KAM_TARGET" 15 "$KAM_PID" \
        || die "Kamailio did not answer OPTIONS on $KAM_TARGET within 15 s, see $OUT/kamailio.log"
}

# Karaf's own listeners (ssh, JMX) moved to free ports in the scratch copy so that the run does
# not clash with another Karaf on this machine.
set_cfg() {
    local file="$1" key="$2" value="$3"
    [ -f "$file" ] || return 0
    if grep -qE "^[[:space:]]*$key[[:space:]]*=" "$file"; then
        sed -i -E "s|^[[:space:]]*$key[[:space:]]*=.*|$key = $value|" "$file"
    else
        echo "$key = $value" >> "$file"
    fi
}

start_strowger() {
    [ -x "$ASSEMBLY/bin/start" ] || die "no distribution at $ASSEMBLY: build it (see README.md) or pass --assembly"
    local port pidfile i
    port="$(free_port)"
    STROWGER_HOME="$OUT/strowger"
    [ ! -e "$STROWGER_HOME" ] || die "$STROWGER_HOME exists (from an earlier run): give a new --out"
    cp -a "$ASSEMBLY" "$STROWGER_HOME"
    rm -rf "$STROWGER_HOME/data/cache" "$STROWGER_HOME/data/tmp" "$STROWGER_HOME/data/log" \
        "$STROWGER_HOME/data/port" "$STROWGER_HOME/karaf.pid" "$STROWGER_HOME/lock"
    set_cfg "$STROWGER_HOME/etc/org.apache.karaf.shell.cfg" sshPort "$(free_port)"
    set_cfg "$STROWGER_HOME/etc/org.apache.karaf.management.cfg" rmiRegistryPort "$(free_port)"
    set_cfg "$STROWGER_HOME/etc/org.apache.karaf.management.cfg" rmiServerPort "$(free_port)"
    STROWGER_TARGET="127.0.0.1:$port"
    local t0=$SECONDS
    STROWGER_SIP_HOST=127.0.0.1 STROWGER_SIP_PORT="$port" "$STROWGER_HOME/bin/start" \
        >"$OUT/strowger-start.log" 2>&1
    pidfile="$STROWGER_HOME/karaf.pid"
    for i in $(seq 1 40); do
        [ -s "$pidfile" ] && break
        sleep 0.25
    done
    if [ -s "$pidfile" ]; then
        STROWGER_PID="$(tr -dc '0-9' < "$pidfile")"
    else
        # the JVM of this scratch copy (its karaf.base is unique to this run)
        STROWGER_PID="$(ps -eo pid=,args= | awk -v b="-Dkaraf.base=$STROWGER_HOME" \
            'index($0, b) && /java/ { print $1; exit }')"
    fi
    [ -n "$STROWGER_PID" ] || die "Strowger did not start, see $STROWGER_HOME/data/log/karaf.log"
    wait_ready "$STROWGER_TARGET" "$READY_TIMEOUT" "$STROWGER_PID" \
        || die "Strowger did not answer OPTIONS on $STROWGER_TARGET within ${READY_TIMEOUT} s, see $STROWGER_HOME/data/log/karaf.log"
    echo "Strowger answered OPTIONS $((SECONDS - t0)) s after bin/start (pid $STROWGER_PID, $STROWGER_TARGET)"
}

stop_strowger() {
    [ -n "$STROWGER_PID" ] || return 0
    if [ -x "$STROWGER_HOME/bin/stop" ]; then
        timeout 30 "$STROWGER_HOME/bin/stop" >/dev/null 2>&1 || true
    fi
    stop_pid "$STROWGER_PID"
    STROWGER_PID=""
}

cleanup() {
    if [ -n "$KAM_PID" ]; then stop_pid "$KAM_PID"; KAM_PID=""; fi
    stop_strowger
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- run

echo "OPTIONS load, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "SIPp: $({ sipp -v 2>&1 || true; } | grep -m1 -o 'SIPp v[^ ]*' | sed 's/[-.]*SCTP.*//'); steps of ${DURATION} s; rates: ${RATES:-none}; max step: $([ "$RUN_MAX" = 1 ] && echo "yes, $LIMIT outstanding" || echo no)"
echo "results: $OUT"

SERVERS=()
if [ "$KAMAILIO_ONLY" = 0 ]; then
    if [ "$START_STROWGER" = 1 ]; then
        start_strowger
    else
        STROWGER_TARGET="$TARGET"
        STROWGER_PID_FOR_CPU="$TARGET_PID"
        answers_options "$STROWGER_TARGET" || die "$STROWGER_TARGET does not answer OPTIONS over UDP with 200"
    fi
    echo "Strowger at $STROWGER_TARGET"
    run_server strowger "${STROWGER_PID:-$STROWGER_PID_FOR_CPU}" "$STROWGER_TARGET"
    SERVERS+=(strowger)
    stop_strowger
fi
if [ "$RUN_KAMAILIO" = 1 ]; then
    start_kamailio
    echo "Kamailio $(kamailio -v 2>/dev/null | awk 'NR==1 {print $3}') at $KAM_TARGET"
    run_server kamailio "$KAM_PID" "$KAM_TARGET"
    SERVERS+=(kamailio)
    stop_pid "$KAM_PID"; KAM_PID=""
fi

# Side-by-side table (Markdown): one row per transport and step; per server the answered
# requests/s, the failed requests, SIPp's retransmissions (UDP: a request or its answer was
# dropped), the server's CPU use (100 % = one core busy) and the
# answered requests per CPU-second of the server (its efficiency, whatever SIPp's own ceiling).
echo
echo "OPTIONS load, ${DURATION} s per step; CPU: server process(es), 100 % = one core:"
awk -F, -v servers="${SERVERS[*]}" '
    NR == 1 { next }
    {
        key = $2 SUBSEP $4
        if (!(key in seen)) { seen[key] = 1; order[++n] = key }
        cpu = ($10 == "" || $8 <= 0) ? "n/a" : sprintf("%.0f %%", 100 * $10 / $8)
        eff = ($10 == "" || $10 <= 0) ? "n/a" : sprintf("%.0f", $5 / $10)
        cell[key, $1] = sprintf(" %10s | %6s | %7s | %7s | %10s |", $9, $6, $7, cpu, eff)
    }
    END {
        ns = split(servers, s, " ")
        printf "| transport | offered/s    |"
        for (j = 1; j <= ns; j++) printf " %-10s | %6s | %7s | %7s | %10s |", s[j] " ans/s", "failed", "retrans", "CPU", "ans/CPU-s"
        printf "\n|-----------|--------------|"
        for (j = 1; j <= ns; j++) printf "-----------:|-------:|--------:|--------:|-----------:|"
        printf "\n"
        for (i = 1; i <= n; i++) {
            split(order[i], k, SUBSEP)
            printf "| %-9s | %-12s |", toupper(k[1]), k[2]
            for (j = 1; j <= ns; j++) {
                if ((order[i], s[j]) in cell) printf "%s", cell[order[i], s[j]]
                else printf " %10s | %6s | %7s | %7s | %10s |", "-", "-", "-", "-", "-"
            }
            printf "\n"
        }
    }' "$RESULTS"
