#!/usr/bin/env bash
# Import benchmark: the same programme import of N rows (default 100000) on H2, then on a PostgreSQL database of
# its own (created here on 127.0.0.1:5432 as user postgres, dropped afterwards). Prints the BENCH lines at the end;
# they are also appended to target/bench-results.txt. Usage: bench/run.sh [rows] (e.g. bench/run.sh 1000000).
# Extra Maven flags may be given in BENCH_MVN_FLAGS (e.g. BENCH_MVN_FLAGS=-o to run offline).
# BENCH_SKIP_H2=1 or BENCH_SKIP_POSTGRES=1 runs only one pass.
set -euo pipefail
cd "$(dirname "$0")/.."

rows="${1:-100000}"
mvn_flags=(-B -ntp -Pbench ${BENCH_MVN_FLAGS:-})
log_dir="target/bench-logs"
mkdir -p "$log_dir"
status=0

if [[ "${BENCH_SKIP_H2:-0}" != 1 ]]; then
  echo "== H2 pass, $rows rows (log: $log_dir/h2-$rows.log)"
  ./mvnw "${mvn_flags[@]}" test -Dbench.rows="$rows" > "$log_dir/h2-$rows.log" 2>&1 || status=$?
  grep -h '^BENCH' "$log_dir/h2-$rows.log" || echo "H2 pass failed (exit $status): see $log_dir/h2-$rows.log"
fi

if [[ "${BENCH_SKIP_POSTGRES:-0}" != 1 ]]; then
  pg=(psql -h 127.0.0.1 -p 5432 -U postgres -v ON_ERROR_STOP=1 -qc)
  db="seatflow_bench_$$"
  "${pg[@]}" "CREATE DATABASE $db"
  # dropped at the end, unless the pass failed: then it is kept for a look at what went wrong
  trap 'if [[ ${pg_status:-0} == 0 ]]; then "${pg[@]}" "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true;
        else echo "kept database $db for inspection (drop it with: psql -h 127.0.0.1 -U postgres -c \"DROP DATABASE $db\")"; fi' EXIT
  echo "== PostgreSQL pass, $rows rows, database $db (log: $log_dir/postgres-$rows.log)"
  pg_status=0
  SEATFLOW_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db?reWriteBatchedInserts=true" \
    ./mvnw "${mvn_flags[@]}" test -Dbench.rows="$rows" -Dseatflow.test.profile=postgres \
    > "$log_dir/postgres-$rows.log" 2>&1 || pg_status=$?
  grep -h '^BENCH' "$log_dir/postgres-$rows.log" \
    || echo "PostgreSQL pass failed (exit $pg_status): see $log_dir/postgres-$rows.log"
  [[ $pg_status == 0 ]] || status=$pg_status
fi
exit "$status"
