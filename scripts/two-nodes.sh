#!/usr/bin/env bash
# Two Seatflow nodes on one PostgreSQL database and one drop folder: a dropped file is imported once, a schedule
# that fires every 5 seconds runs its job once per fire time, and wrong passwords spread over both nodes are counted
# together. See docs/jobs.md. Exits non-zero when a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

db="${SEATFLOW_TWO_NODES_DB:-seatflow_wt_sched_two_nodes}"
export PGOPTIONS='-c client_min_messages=warning'
pg=(psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -qtA)
work="$PWD/target/two-nodes"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ports=("${SEATFLOW_NODE1_PORT:-$(free_port)}" "${SEATFLOW_NODE2_PORT:-$(free_port)}")
pids=()

stop_nodes() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  "${pg[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true
}
trap stop_nodes EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }
sql() { "${pg[@]}" -d "$db" -c "$1"; }

./mvnw -q -B -ntp package -DskipTests   # the jar of these sources (quick when already compiled)
rm -rf "$work" && mkdir -p "$work/batch-jobs" "$work/inbound"
"${pg[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
"${pg[@]}" -d postgres -c "CREATE DATABASE $db" >/dev/null

# The shipped schedules, with the ledger reconciliation every 5 seconds and the lock kept for 2 s after a run.
sed -e 's|cron: "0 0 2 \* \* \*"|cron: "*/5 * * * * *"\n    lock-at-least-for: PT2S|' batch-jobs/schedules.yml \
  > "$work/batch-jobs/schedules.yml"
grep -q '\*/5' "$work/batch-jobs/schedules.yml" || fail "could not set the test schedule"

for i in 0 1; do
  SEATFLOW_DB_URL="jdbc:postgresql://${PGHOST:-127.0.0.1}:5432/$db?reWriteBatchedInserts=true" \
  java -Xmx512m -jar target/seatflow.jar --spring.profiles.active=postgres,demo --server.port="${ports[$i]}" \
    --seatflow.data-dir="$work/data-$i" --seatflow.batch-jobs-dir="$work/batch-jobs" \
    --seatflow.inbound.dir="$work/inbound" --seatflow.inbound.poll-delay-ms=500 \
    > "$work/node-$i.log" 2>&1 &
  pids+=($!)
  if [ "$i" = 0 ]; then
    # the first node creates the schema (Flyway, Camunda) and the demo data alone
    for _ in $(seq 1 120); do curl -sf "localhost:${ports[0]}/actuator/health" >/dev/null && break; sleep 1; done
  fi
done
for port in "${ports[@]}"; do
  for _ in $(seq 1 120); do curl -sf "localhost:$port/actuator/health" >/dev/null && break; sleep 1; done
  curl -sf "localhost:$port/actuator/health" >/dev/null || fail "node on port $port did not start (see $work)"
done
echo "both nodes are up"

# A file dropped into the shared folder becomes one import.
mkdir -p "$work/inbound/acme/programme"
# the demo writes this sample at start-up, with expiry times ahead of the day (DemoSamples)
cp "$work/inbound/samples/programme-learners.csv" "$work/inbound/.two-nodes.tmp"
mv "$work/inbound/.two-nodes.tmp" "$work/inbound/acme/programme/two-nodes.csv"
for _ in $(seq 1 60); do
  [ "$(ls "$work/inbound/.processed/acme/programme" 2>/dev/null | wc -l)" -ge 1 ] && break; sleep 1
done
sleep 3   # give the other node time to (wrongly) take it too
imports=$(sql "SELECT COUNT(*) FROM import_job WHERE file_name = 'two-nodes.csv'")
[ "$imports" = 1 ] || fail "the dropped file became $imports imports"
[ -z "$(ls -A "$work/inbound/.failed" 2>/dev/null)" ] || fail "a node failed to take the file: $(ls -R "$work/inbound/.failed")"
echo "the dropped file was imported once"

# The schedule fires every 5 s on both nodes; every fire time must have exactly one execution.
sleep 22
# Both counts in one statement (one snapshot): counted apart, a fire starting in between made them differ.
IFS='|' read -r runs fires <<<"$(sql "SELECT COUNT(DISTINCT e.JOB_EXECUTION_ID), COUNT(DISTINCT p.PARAMETER_VALUE)
             FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
             LEFT JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'runAt'
            WHERE i.JOB_NAME = 'ledgerReconciliation'")"
nodes=$(grep -l "Schedule ledgerReconciliation at .*job execution" "$work"/node-*.log | wc -l)
echo "ledgerReconciliation: $runs execution(s) for $fires fire time(s), run by $nodes node(s)"
[ "$runs" -ge 3 ] || fail "the schedule fired only $runs time(s)"
[ "$runs" = "$fires" ] || fail "$runs executions for $fires fire times: a fire ran twice"

# Five wrong passwords, spread over both nodes, shut this address out for that user on either node.
for i in 0 1 2 3 4; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -u "acme-admin:wrong-$i" "localhost:${ports[$((i % 2))]}/api/me")
  [ "$code" = 401 ] || fail "wrong password $i answered $code, not 401"
done
for port in "${ports[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -u acme-admin:acme-demo-pass "localhost:$port/api/me")
  [ "$code" = 429 ] || fail "after five wrong passwords over both nodes, the node on port $port answered $code, not 429"
done
echo "five wrong passwords over both nodes shut the address out on both"
echo "OK: one import for the dropped file, one job execution per fire time, one count of failed sign-ins"
