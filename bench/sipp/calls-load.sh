#!/usr/bin/env bash
# Call load against Strowger and against a SIPp callee, side by side, on this machine, in one run.
#
# For each callee and transport (UDP, TCP) SIPp (bench/sipp/calls-uac.xml) places complete calls
# without media and without a pause (INVITE / 100 / 180 / 200 / ACK / BYE / 200), after an
# unreported warm-up, at a ladder of fixed call rates and then at the maximum rate it can sustain
# with a bounded number of calls in progress; every step runs for a bounded time. From SIPp's
# -trace_stat CSV the script reports completed calls/s, failed calls (timeouts, wrong answers)
# and retransmissions; from /proc it adds the callee's and the caller's CPU time and the
# kernel's UDP receive-buffer drops; then it prints one side-by-side Markdown table.
#
# Callees:
#   strowger  the distribution's test call application (sip-testcall over sip-dialog and
#             sip-transaction), answering sip:echo@... after ringFor ms (--ring-for, default 1:
#             180 then 200, the same messages as the SIPp callee; 0: 200 at once, no 180).
#             Either already running (--target HOST:PORT, UDP and TCP on that port) or started by
#             this script (--start-strowger): the distribution is copied to a scratch directory,
#             the test call application configured there (ringFor, hangupAfter = 0), started with
#             bin/start on a free port, polled until a call succeeds, and stopped with bin/stop
#             and then by PID. Each call leaves two server transactions for 32 s (INVITE in
#             RFC 6026 Accepted, Timer L; BYE over UDP, Timer J): the default maxTransactions
#             (500000) and maxTransactionsPerSource (250000, SIPp's one address 127.0.0.1) thus cap
#             sustained UDP load from one caller near 3,900 calls/s, past which Strowger answers 503
#             (transaction limit reached); --max-transactions / --max-transactions-per-source raise
#             them in the copy. sip-dialog's maxCalls counts live calls only (--max-calls).
#             --raise-limits lifts all three, to measure the engine rather than its limits.
#   sipp      a SIPp UAS (bench/sipp/calls-uas.xml) on a free 127.0.0.1 port, one per transport,
#             stopped by PID: the ceiling of the SIPp caller itself on this machine, and the CPU
#             a minimal C++ callee needs for the same messages.
#
# See bench/README.md. Exit status: 0 when every step ran, 1 on a setup error.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
READY_PROBE=answers_call
REPO="$(cd "$HERE/../.." && pwd)"
SCENARIO="$HERE/calls-uac.xml"
UAS_SCENARIO="$HERE/calls-uas.xml"
OPTIONS_SCENARIO="$HERE/options-uac.xml"

TARGET=""
START_STROWGER=0
ASSEMBLY="$REPO/karaf-assembly/target/assembly"
RUN_SIPP_UAS=1
TRANSPORTS="udp tcp"
RATES="500 1000 2000 5000"
RUN_MAX=1
DURATION=10
LIMIT=200
RING_FOR=1
MAX_TRANSACTIONS=""
MAX_CALLS=""
MAX_PER_SOURCE=""
SETTLE=35
# SIPp socket buffers (its default of 64 KB drops UDP messages under load; the kernel caps it)
BUFF=4194304
WARMUP=15
TARGET_PID=""
READY_TIMEOUT=60
OUT=""

usage() {
    cat <<EOF
usage: $0 [--target HOST:PORT | --start-strowger [--assembly DIR]] [options]

  --target HOST:PORT     a running Strowger answering sip:echo@HOST:PORT, UDP and TCP on PORT
  --target-pid PID       its process id, to report its CPU use (optional)
  --start-strowger       start the distribution ($ASSEMBLY) on a free 127.0.0.1 port
  --assembly DIR         the distribution to start (default: karaf-assembly/target/assembly)
  --ring-for MS          test call application's ringFor in the started copy (default: $RING_FOR;
                         0 = answer at once without 180)
  --max-transactions N   sip-transaction maxTransactions in the started copy (default: the
                         distribution's, 500000; each UDP call holds 2 for 32 s, see below)
  --max-transactions-per-source N
                         sip-transaction maxTransactionsPerSource in the started copy (default:
                         the distribution's, 250000; all of SIPp's calls come from 127.0.0.1)
  --max-calls N          sip-dialog maxCalls in the started copy (default: the distribution's,
                         100000 live calls)
  --raise-limits         these three limits at 2000000: measure the engine, not its limits
  --settle S             after each Strowger step, seconds to wait (still counting its CPU for
                         the step's calls) until the step's transactions have expired (default:
                         $SETTLE; Timers J and L are 32 s)
  --no-sipp-uas          skip the SIPp callee (default: run it)
  --sipp-uas-only        only the SIPp callee (no Strowger)
  --transports "udp tcp" transports to load (default: "$TRANSPORTS")
  --rates "R1 R2 ..."    fixed-rate ladder in calls/s (default: "$RATES"; "" for none)
  --no-max               skip the maximum-rate step
  --duration S           seconds per step (default: $DURATION)
  --limit N              calls in progress in the maximum-rate step (default: $LIMIT)
  --warmup S             unreported max-rate warm-up per callee and transport (default: $WARMUP)
  --ready-timeout S      seconds to wait for Strowger to answer a call (default: $READY_TIMEOUT)
  --out DIR              where CSVs and logs go (default: a new directory under \${TMPDIR:-/tmp})
EOF
}

die() { echo "calls-load: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
    case "$1" in
        --target) TARGET="${2:?}"; shift 2 ;;
        --start-strowger) START_STROWGER=1; shift ;;
        --assembly) ASSEMBLY="${2:?}"; shift 2 ;;
        --ring-for) RING_FOR="${2:?}"; shift 2 ;;
        --max-transactions) MAX_TRANSACTIONS="${2:?}"; shift 2 ;;
        --max-calls) MAX_CALLS="${2:?}"; shift 2 ;;
        --max-transactions-per-source) MAX_PER_SOURCE="${2:?}"; shift 2 ;;
        --raise-limits) MAX_TRANSACTIONS=2000000; MAX_PER_SOURCE=2000000; MAX_CALLS=2000000; shift ;;
        --settle) SETTLE="${2:?}"; shift 2 ;;
        --no-sipp-uas) RUN_SIPP_UAS=0; shift ;;
        --sipp-uas-only) TARGET=""; START_STROWGER=0; RUN_SIPP_UAS=1; SIPP_UAS_ONLY=1; shift ;;
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

SIPP_UAS_ONLY="${SIPP_UAS_ONLY:-0}"
if [ "$SIPP_UAS_ONLY" = 0 ] && [ -z "$TARGET" ] && [ "$START_STROWGER" = 0 ]; then
    usage >&2; die "give --target HOST:PORT, --start-strowger or --sipp-uas-only"
fi
[ -n "$TARGET" ] && [ "$START_STROWGER" = 1 ] && die "--target and --start-strowger exclude each other"
[[ "$DURATION" =~ ^[1-9][0-9]*$ ]] || die "--duration must be a positive integer, got '$DURATION'"
[[ "$LIMIT" =~ ^[1-9][0-9]*$ ]] || die "--limit must be a positive integer, got '$LIMIT'"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "--warmup must be a number of seconds, got '$WARMUP'"
[[ "$RING_FOR" =~ ^[0-9]+$ ]] || die "--ring-for must be a number of milliseconds, got '$RING_FOR'"
[ -z "$MAX_TRANSACTIONS" ] || [[ "$MAX_TRANSACTIONS" =~ ^[1-9][0-9]*$ ]] || die "--max-transactions must be a positive integer"
[ -z "$MAX_CALLS" ] || [[ "$MAX_CALLS" =~ ^[1-9][0-9]*$ ]] || die "--max-calls must be a positive integer"
[ -z "$MAX_PER_SOURCE" ] || [[ "$MAX_PER_SOURCE" =~ ^[1-9][0-9]*$ ]] || die "--max-transactions-per-source must be a positive integer"
[[ "$SETTLE" =~ ^[0-9]+$ ]] || die "--settle must be a number of seconds, got '$SETTLE'"
[ -z "$TARGET_PID" ] || [[ "$TARGET_PID" =~ ^[1-9][0-9]*$ ]] || die "--target-pid must be a process id"
[[ "$READY_TIMEOUT" =~ ^[1-9][0-9]*$ ]] || die "--ready-timeout must be a positive integer"
for r in $RATES; do [[ "$r" =~ ^[1-9][0-9]*$ ]] || die "rates must be positive integers, got '$r'"; done
for t in $TRANSPORTS; do
    case "$t" in udp|tcp) ;; *) die "transport must be udp or tcp, got '$t'" ;; esac
done
command -v sipp >/dev/null || die "sipp not found: apt-get install sip-tester"
for f in "$SCENARIO" "$UAS_SCENARIO" "$OPTIONS_SCENARIO"; do [ -f "$f" ] || die "scenario missing: $f"; done

OUT="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/strowger-calls-load.XXXXXX")}"
mkdir -p "$OUT"
RESULTS="$OUT/results.csv"
[ ! -e "$RESULTS" ] && [ ! -e "$OUT/strowger" ] || die "$OUT holds an earlier run: give a new --out"
echo "callee,transport,step,offered_per_s,completed,failed,retransmissions,seconds,completed_per_s,callee_cpu_s,caller_cpu_s,calls_per_callee_cpu_s,udp_rcvbuf_errors,callee_cpu_with_settle_s" > "$RESULTS"

# ---------------------------------------------------------------- helpers


# One call over UDP must complete within 5 s (the callee's user agent and application are up).
answers_call() {
    local hostport="$1"
    timeout 15 sipp -sf "$SCENARIO" -s echo -t u1 -i 127.0.0.1 -p "$(free_port)" -m 1 -timeout 5s \
        -timeout_error -nostdin "$hostport" >/dev/null 2>&1
}




# CPU time (clock ticks, user + system) used so far by PID and all its descendants.
CLK_TCK="$(getconf CLK_TCK)"


# run_step CALLEE CALLEE_PID TRANSPORT HOST:PORT STEP [warmup]; STEP is a rate or "max".
# Strowger keeps each call's server transactions for 32 s after the call (RFC 6026 Timer L for
# the INVITE, Timer J for the BYE over UDP): after a Strowger step the script waits --settle
# seconds, so that one step's transactions neither count against the next step's limit nor
# burden its CPU, and charges the CPU Strowger used meanwhile (expiring them) to the step's calls.
run_step() {
    local callee="$1" pid="$2" transport="$3" hostport="$4" step="$5" warmup="${6:-}"
    local flag tag csv log tfile args offered ok bad re secs rate duration=$DURATION
    local cpu0 cpu1 cpu2 callee_cpu settled_cpu caller_cpu callee_pct caller_pct per_cpu drop0 drop1 drops
    case "$transport" in udp) flag=u1 ;; tcp) flag=t1 ;; esac
    tag="$callee-$transport-$step${warmup:+-warmup}"
    [ -n "$warmup" ] && duration=$WARMUP
    csv="$OUT/$tag.csv"; log="$OUT/$tag.log"; tfile="$OUT/$tag.time"
    rm -f "$csv"
    if [ "$step" = max ]; then
        # closed loop: a new call as soon as one ends, at most LIMIT calls in progress
        args=(-r 1000000 -l "$LIMIT" -timeout "${duration}s")
        offered="max(l=$LIMIT)"
    else
        # open loop: STEP calls/s for DURATION s; the limit only stops a pile-up of timeouts
        args=(-r "$step" -m $((step * duration)) -l $((step * 6 + 100)) -timeout "$((duration + 10))s")
        offered="$step"
    fi
    cpu0="$(cpu_ticks "$pid")"; drop0="$(udp_rcvbuf_errors)"
    local TIMEFORMAT='%U %S'
    { time timeout $((duration + 40)) sipp -sf "$SCENARIO" -s echo -t "$flag" -i 127.0.0.1 -p "$(free_port)" \
        "${args[@]}" -buff_size "$BUFF" -nostdin -trace_stat -stf "$csv" -fd 1 "$hostport" >"$log" 2>&1 ; } 2>"$tfile" || true
    cpu1="$(cpu_ticks "$pid")"; drop1="$(udp_rcvbuf_errors)"; drops=$((drop1 - drop0))
    if [ "$callee" = strowger ] && [ "$SETTLE" -gt 0 ]; then sleep "$SETTLE"; fi
    cpu2="$(cpu_ticks "$pid")"
    [ -n "$warmup" ] && return 0
    if [ ! -s "$csv" ]; then
        echo "calls-load: no statistics from sipp for $tag, see $log" >&2
        echo "$callee,$transport,$step,$offered,0,0,0,0,0,,0,0,$drops," >> "$RESULTS"
        return 0
    fi
    read -r ok bad re secs rate < <(summarise "$csv")
    callee_cpu="$(awk -v t=$((cpu1 - cpu0)) -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", t / hz }')"
    settled_cpu="$(awk -v t=$((cpu2 - cpu0)) -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", t / hz }')"
    [ -n "$pid" ] || { callee_cpu=""; settled_cpu=""; }   # not our process and no --target-pid: unknown
    caller_cpu="$(awk '{ printf "%.2f", $1 + $2 }' "$tfile" 2>/dev/null || echo 0)"
    read -r callee_pct caller_pct per_cpu < <(awk -v s="$secs" -v c="$callee_cpu" -v t="$settled_cpu" \
        -v k="$caller_cpu" -v ok="$ok" 'BEGIN { if (s <= 0) s = 1
            if (c == "") printf "n/a %.0f n/a\n", 100 * k / s
            else printf "%.0f %.0f %.0f\n", 100 * c / s, 100 * k / s, (t > 0 ? ok / t : 0) }')
    echo "$callee,$transport,$step,$offered,$ok,$bad,$re,$secs,$rate,$callee_cpu,$caller_cpu,$per_cpu,$drops,$settled_cpu" >> "$RESULTS"
    printf '  %-8s %-3s %-11s calls/s %6s  failed %6s  retrans %5s  UDP drops %5s  CPU callee %3s%% caller %3s%%  calls/CPU-s %6s  (%ss)\n' \
        "$callee" "$transport" "$offered" "$rate" "$bad" "$re" "$drops" "$callee_pct" "$caller_pct" "$per_cpu" "$secs"
}

# run_transport CALLEE CALLEE_PID TRANSPORT HOST:PORT: a warm-up (not reported), the ladder, max
run_transport() {
    local callee="$1" pid="$2" t="$3" hostport="$4" r
    if [ "$WARMUP" -gt 0 ]; then run_step "$callee" "$pid" "$t" "$hostport" max warmup; fi
    for r in $RATES; do run_step "$callee" "$pid" "$t" "$hostport" "$r"; done
    if [ "$RUN_MAX" = 1 ]; then run_step "$callee" "$pid" "$t" "$hostport" max; fi
}

# ---------------------------------------------------------------- callees

UAS_PID=""
STROWGER_PID=""
STROWGER_HOME=""

# A SIPp callee for one transport on a free port; sets UAS_PID and UAS_TARGET.
start_sipp_uas() {
    local transport="$1" flag port i
    case "$transport" in udp) flag=u1 ;; tcp) flag=t1 ;; esac
    port="$(free_port)"
    sipp -sf "$UAS_SCENARIO" -t "$flag" -i 127.0.0.1 -p "$port" -buff_size "$BUFF" -nostdin \
        >"$OUT/sipp-uas-$transport.log" 2>&1 &
    UAS_PID=$!
    UAS_TARGET="127.0.0.1:$port"
    for i in $(seq 1 40); do
        ss -Hln "sport = :$port" 2>/dev/null | grep -q . && break
        kill -0 "$UAS_PID" 2>/dev/null || die "the SIPp callee exited, see $OUT/sipp-uas-$transport.log"
        sleep 0.25
    done
    [ "$transport" = tcp ] || wait_ready "$UAS_TARGET" 15 "$UAS_PID" \
        || die "the SIPp callee on $UAS_TARGET did not answer a call, see $OUT/sipp-uas-$transport.log"
}

# Karaf's own listeners (ssh, JMX) moved to free ports in the scratch copy so that the run does
# not clash with another Karaf on this machine.
set_cfg() {
    local file="$1" key="$2" value="$3"
    [ -f "$file" ] || touch "$file"
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
    # the test call application: answer sip:echo after RING_FOR ms, never hang up by itself
    set_cfg "$STROWGER_HOME/etc/org.strowger.sip.testcall.cfg" user echo
    set_cfg "$STROWGER_HOME/etc/org.strowger.sip.testcall.cfg" ringFor "$RING_FOR"
    set_cfg "$STROWGER_HOME/etc/org.strowger.sip.testcall.cfg" hangupAfter 0
    if [ -n "$MAX_TRANSACTIONS" ]; then
        set_cfg "$STROWGER_HOME/etc/org.strowger.sip.transaction.cfg" maxTransactions "$MAX_TRANSACTIONS"
    fi
    if [ -n "$MAX_PER_SOURCE" ]; then
        set_cfg "$STROWGER_HOME/etc/org.strowger.sip.transaction.cfg" maxTransactionsPerSource "$MAX_PER_SOURCE"
    fi
    if [ -n "$MAX_CALLS" ]; then
        set_cfg "$STROWGER_HOME/etc/org.strowger.sip.dialog.cfg" maxCalls "$MAX_CALLS"
    fi
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
        || die "Strowger did not complete a call on $STROWGER_TARGET within ${READY_TIMEOUT} s, see $STROWGER_HOME/data/log/karaf.log"
    echo "Strowger completed its first call $((SECONDS - t0)) s after bin/start (pid $STROWGER_PID, $STROWGER_TARGET, ringFor $RING_FOR ms, maxTransactions ${MAX_TRANSACTIONS:-default}, maxTransactionsPerSource ${MAX_PER_SOURCE:-default}, maxCalls ${MAX_CALLS:-default})"
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
    if [ -n "$UAS_PID" ]; then stop_pid "$UAS_PID"; UAS_PID=""; fi
    stop_strowger
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- run

echo "Call load, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "SIPp: $({ sipp -v 2>&1 || true; } | grep -m1 -o 'SIPp v[^ ]*' | sed 's/[-.]*SCTP.*//'); steps of ${DURATION} s; rates: ${RATES:-none} calls/s; max step: $([ "$RUN_MAX" = 1 ] && echo "yes, $LIMIT calls in progress" || echo no)"
echo "results: $OUT"

CALLEES=()
if [ "$SIPP_UAS_ONLY" = 0 ]; then
    if [ "$START_STROWGER" = 1 ]; then
        start_strowger
        STROWGER_CPU_PID="$STROWGER_PID"
    else
        STROWGER_TARGET="$TARGET"
        STROWGER_CPU_PID="$TARGET_PID"
        answers_call "$STROWGER_TARGET" || die "$STROWGER_TARGET does not complete a call to sip:echo over UDP"
    fi
    echo "Strowger at $STROWGER_TARGET"
    for t in $TRANSPORTS; do run_transport strowger "$STROWGER_CPU_PID" "$t" "$STROWGER_TARGET"; done
    CALLEES+=(strowger)
    if [ -n "$STROWGER_HOME" ]; then
        cp "$STROWGER_HOME/data/log/karaf.log" "$OUT/strowger-karaf.log" 2>/dev/null || true
    fi
    stop_strowger
fi
if [ "$RUN_SIPP_UAS" = 1 ]; then
    for t in $TRANSPORTS; do
        start_sipp_uas "$t"
        echo "SIPp callee at $UAS_TARGET ($t)"
        run_transport sipp "$UAS_PID" "$t" "$UAS_TARGET"
        stop_pid "$UAS_PID"; UAS_PID=""
    done
    CALLEES+=(sipp)
fi

# Side-by-side table (Markdown): one row per transport and step; per callee the completed calls/s,
# the failed calls, SIPp's retransmissions (UDP: a message was dropped or late), the callee's CPU
# use during the step (100 % = one core busy) and the completed calls per CPU-second of the callee
# (for Strowger its CPU during the step and the settle time after it).
echo
echo "Call load, ${DURATION} s per step; CPU: callee process during the step, 100 % = one core:"
awk -F, -v callees="${CALLEES[*]}" '
    NR == 1 { next }
    {
        key = $2 SUBSEP $4
        if (!(key in seen)) { seen[key] = 1; order[++n] = key }
        cpu = ($10 == "" || $8 <= 0) ? "n/a" : sprintf("%.0f %%", 100 * $10 / $8)
        total = ($14 != "") ? $14 : $10
        eff = (total == "" || total <= 0) ? "n/a" : sprintf("%.0f", $5 / total)
        cell[key, $1] = sprintf(" %10s | %6s | %7s | %7s | %10s |", $9, $6, $7, cpu, eff)
    }
    END {
        ns = split(callees, s, " ")
        printf "| transport | offered/s    |"
        for (j = 1; j <= ns; j++) printf " %-10s | %6s | %7s | %7s | %10s |", s[j] " calls/s", "failed", "retrans", "CPU", "calls/CPU-s"
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
