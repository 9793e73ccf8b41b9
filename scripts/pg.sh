# Sourced by test.sh and bench.sh: a throw-away PostgreSQL server on loopback.
#   pg_start [fast]  – initdb in a temporary directory (as a non-root user) and start;
#                      "fast" turns fsync off (tests only). Exports PAYDESK_TEST_PG_URL.
#   pg_stop          – stop the server and remove its directory.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

pg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_start() {
    local durability=()
    if [ "${1:-}" = fast ]; then
        durability=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
    fi
    PAYDESK_PG_DIR=$(mktemp -d /tmp/paydesk-pg.XXXXXX)
    chmod 755 "$PAYDESK_PG_DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$PAYDESK_PG_DIR"
    pg_as_owner "$pg_bin/initdb" -D "$PAYDESK_PG_DIR/data" -U paydesk -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    local attempt
    for attempt in 1 2 3 4 5; do
        PAYDESK_PG_PORT=$((20000 + RANDOM % 30000))
        if pg_as_owner "$pg_bin/pg_ctl" -D "$PAYDESK_PG_DIR/data" -l "$PAYDESK_PG_DIR/server.log" -w -t 60 start \
            -o "-p $PAYDESK_PG_PORT -k $PAYDESK_PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 ${durability[*]}" >/dev/null; then
            export PAYDESK_TEST_PG_URL="postgresql://paydesk@127.0.0.1:$PAYDESK_PG_PORT/postgres"
            echo "paydesk: PostgreSQL on 127.0.0.1:$PAYDESK_PG_PORT ($PAYDESK_PG_DIR)" >&2
            return 0
        fi
    done
    cat "$PAYDESK_PG_DIR/server.log" >&2 || true
    return 1
}

pg_stop() {
    if [ -n "${PAYDESK_PG_DIR:-}" ] && [ -d "$PAYDESK_PG_DIR/data" ]; then
        pg_as_owner "$pg_bin/pg_ctl" -D "$PAYDESK_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$PAYDESK_PG_DIR"
    fi
}
