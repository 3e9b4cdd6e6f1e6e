#!/usr/bin/env bash
# What the tests need from the machine, beyond npm packages: a PostgreSQL server (for the
# storage suites) and Debian's Chromium (for the console's browser test). Starts PostgreSQL if it
# is down and installs Chromium if it is missing (as root, from Debian's packages); fails loudly
# when it cannot.
set -u
PG_HOST=127.0.0.1
PG_PORT=5432

pg_up() { pg_isready -h "$PG_HOST" -p "$PG_PORT" -q 2>/dev/null; }

if ! pg_up; then
  echo "ensure-system: PostgreSQL is down on $PG_HOST:$PG_PORT, starting it"
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  if ! pg_up; then
    echo "ensure-system: FAILED: PostgreSQL is not answering on $PG_HOST:$PG_PORT" >&2
    exit 1
  fi
fi

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "ensure-system: installing Debian's chromium for the browser test"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || true
  fi
  if [ ! -x /usr/bin/chromium ]; then
    echo "ensure-system: FAILED: /usr/bin/chromium is missing; install Debian's chromium package" >&2
    exit 1
  fi
fi
exit 0
