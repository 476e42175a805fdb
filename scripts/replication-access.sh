#!/usr/bin/env bash
# Lets the local PostgreSQL (127.0.0.1:5432, trust auth, as the test suite uses it) serve streaming
# replication to this machine: pg_basebackup and a standby need a `replication` line in pg_hba.conf,
# which Debian's cluster lacks. The read-replica test (packages/api/test/read-replicas.test.ts)
# builds a standby that way. Idempotent; run as root or as the server's owner. .ci/run calls it.
set -euo pipefail
PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
hba=$(psql -d postgres -Atc 'SHOW hba_file')
changed=0
for line in 'local replication all trust' 'host replication all 127.0.0.1/32 trust'; do
  # Compare with runs of blanks squeezed, as the file aligns its columns.
  if ! sed -E 's/[[:space:]]+/ /g' "$hba" | grep -qxF "$line"; then
    echo "$line" >>"$hba"
    changed=1
  fi
done
if [ "$changed" = 1 ]; then
  psql -d postgres -Atc 'SELECT pg_reload_conf()' >/dev/null
  echo "replication from 127.0.0.1 allowed in $hba"
fi
