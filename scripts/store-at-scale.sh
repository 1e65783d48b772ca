#!/usr/bin/env bash
# The store at ten million publications (docs/performance.md): creates a PostgreSQL database, applies the migrations,
# generates 10,000,000 publications (scripts/store-at-scale/generate.sql), then runs each query shape the product runs
# (scripts/store-at-scale/queries/*.sql, the SQL EF Core generates) with pgbench and prints p50/p95 per shape.
#
#   scripts/store-at-scale.sh [--keep] [--reuse] [--transactions N]
#     --keep          leave the database for a look (dropped otherwise)
#     --reuse         benchmark an existing database (skip creating and generating)
#     --transactions  executions per query shape (default 200)
# STORE_QUERIES=regex runs only the shapes whose file names match (STORE_QUERIES="listing-0[1-3]|sweeper").
# Connection: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD (postgres), STORE_DB (store_at_scale).
# Needs psql and pgbench (Debian's postgresql-client), the .NET SDK, ~10 GB free disk; about ten minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

keep=false reuse=false transactions=200
while [[ $# -gt 0 ]]; do
  case "$1" in
    --keep) keep=true ;;
    --reuse) reuse=true; keep=true ;;
    --transactions) transactions="$2"; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGPASSWORD="${PGPASSWORD:-postgres}"
db="${STORE_DB:-store_at_scale}"
here=scripts/store-at-scale
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }

if ! $reuse; then
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  dotnet build src/Worker -v q -nologo >/dev/null
  dotnet tool restore >/dev/null
  dotnet ef database update --no-build --project src/Publishing --startup-project src/Worker \
    --context PostgresPublicationDbContext --connection "Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$db" >/dev/null

  # Bulk load without the secondary indexes, then build exactly the migration's indexes again (saved first).
  psql_db -Atc "SELECT indexdef FROM pg_indexes WHERE tablename = 'publications' AND indexname <> 'PK_publications'" > /tmp/$db-indexes.sql
  psql_db -Atc "SELECT 'DROP INDEX \"' || indexname || '\";' FROM pg_indexes WHERE tablename = 'publications' AND indexname <> 'PK_publications'" | psql_db
  started=$SECONDS
  for half in "0 2 4 6 8" "1 3 5 7 9"; do
    ( for chunk in $half; do psql_db -v chunk="$chunk" -f $here/generate.sql >/dev/null; echo "  rows chunk $chunk done ($((SECONDS - started)) s)"; done ) &
  done
  wait
  sed 's/$/;/' /tmp/$db-indexes.sql | psql_db -c "SET maintenance_work_mem = '512MB'" -f -
  psql_db -c "VACUUM ANALYZE publications"
  echo "generated in $((SECONDS - started)) s; $(psql_db -Atc "SELECT count(*) || ' rows, ' || pg_size_pretty(pg_total_relation_size('publications')) FROM publications")"
fi

# The saga loads publications still carrying a snapshot (in flight or recently settled): 10,000 of them by id.
psql_db -c "DROP TABLE IF EXISTS bench_saga_ids" \
  -c "CREATE TABLE bench_saga_ids AS SELECT row_number() OVER () AS n, id FROM (SELECT \"CorrelationId\" AS id FROM publications
      WHERE \"PurgedAt\" IS NULL ORDER BY random() LIMIT 10000) s" -c "CREATE UNIQUE INDEX ON bench_saga_ids (n)"

# Shapes naming :tenant_n run twice: for the big tenant (a million rows) and for a tenant drawn per execution.
printf '%-48s %8s %8s %8s\n' "query" "p50 ms" "p95 ms" "max ms"
for query in $here/queries/*.sql; do
  name=$(basename "$query" .sql)
  [[ -n ${STORE_QUERIES:-} && ! $name =~ $STORE_QUERIES ]] && continue
  tenants="-"
  grep -q ':tenant_n' "$query" && tenants="big any"
  for tenant in $tenants; do
    work=$(mktemp -d)
    case $tenant in
      big) echo '\set tenant_n 1' ;;
      any) echo '\set tenant_n random(2, 1000)' ;;
    esac > "$work/script.sql"
    cat "$query" >> "$work/script.sql"
    # A shape may ask for fewer executions ("-- executions: N"): the metrics gauges read whole indexes.
    executions=$(sed -n 's/^-- executions: \([0-9]*\)$/\1/p' "$query"); executions=${executions:-$transactions}
    pgbench -n -d "$db" -f "$work/script.sql" -t "$executions" --log --log-prefix="$work/log" >/dev/null 2>"$work/err" \
      || { cat "$work/err" >&2; exit 1; }
    label="$name"; [[ $tenant != - ]] && label="$name ($tenant tenant)"
    # pgbench's log: the third column is each execution's latency in microseconds.
    awk '{print $3}' "$work"/log.* | sort -n | awk -v label="$label" '
      { v[NR] = $1 }
      END { printf "%-48s %8.2f %8.2f %8.2f\n", label, v[int(NR * 0.50 + 0.5)] / 1000, v[int(NR * 0.95 + 0.5)] / 1000, v[NR] / 1000 }'
    rm -rf "$work"
  done
done

if ! $keep; then
  psql -X -q -d postgres -c "DROP DATABASE $db"
fi
