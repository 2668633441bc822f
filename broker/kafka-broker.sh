#!/usr/bin/env bash
# A single-node KRaft Kafka broker (broker + controller roles) as a separate process.
#   kafka-broker.sh start  [--dir DIR] [--port PORT]   start (formatting storage the first time), wait until ready
#   kafka-broker.sh stop   [--dir DIR] [--purge]       stop the process; --purge also deletes its storage
#   kafka-broker.sh status [--dir DIR]                 exit 0 when running
# Storage outlives `stop`: a later `start` in the same DIR has the same topics, records and offsets.
# On success `start` prints the bootstrap address (host:port) on stdout; everything else goes to stderr.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lib="$here/target/kafka-lib"
cmd=${1:-}; shift || true
dir="${FINESYNTH_BROKER_DIR:-$here/../.finesynth/broker}"
port="${FINESYNTH_BROKER_PORT:-9092}"
timeout_s=60
purge=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --timeout) timeout_s=$2; shift 2 ;;
    --purge) purge=true; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

log() { echo "[broker] $*" >&2; }

running() { [[ -f "$dir/pid" ]] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  if running; then
    log "already running (pid $(cat "$dir/pid"))"
    cat "$dir/bootstrap"
    return 0
  fi
  if [[ ! -d "$lib" ]]; then
    log "Kafka jars missing in $lib; build them with: ./mvnw -q -f broker/pom.xml package"
    exit 1
  fi
  if [[ "$port" == 0 ]]; then port=$(free_port); fi
  if port_open "$port"; then
    log "port $port is taken; pass --port N (0 picks a free one)"
    exit 1
  fi
  # a formatted storage is kept; the controller keeps its port when that is still free
  local controller_port=""
  if [[ -f "$dir/data/meta.properties" && -f "$dir/server.properties" ]]; then
    controller_port=$(sed -n 's/^controller.quorum.voters=1@127.0.0.1:\([0-9]*\)$/\1/p' "$dir/server.properties")
    if [[ -n "$controller_port" ]] && port_open "$controller_port"; then controller_port=""; fi
    log "reusing the storage in $dir/data"
  else
    rm -rf "$dir"; mkdir -p "$dir/data"
  fi
  [[ -n "$controller_port" ]] || controller_port=$(free_port)
  rm -f "$dir/pid" "$dir/bootstrap"
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.cleaner.backoff.ms=1000
PROPS
  local java_opts=(-Xms256m -Xmx768m -XX:+UseG1GC "-Dlog4j2.configurationFile=$here/log4j2.properties")
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    local cluster_id; cluster_id=$(java -cp "$lib/*" "${java_opts[@]}" kafka.tools.StorageTool random-uuid)
    java -cp "$lib/*" "${java_opts[@]}" kafka.tools.StorageTool format \
      -t "$cluster_id" -c "$dir/server.properties" >"$dir/format.log" 2>&1 \
      || { log "formatting storage failed:"; cat "$dir/format.log" >&2; exit 1; }
  fi
  nohup java -cp "$lib/*" "${java_opts[@]}" kafka.Kafka "$dir/server.properties" \
    >"$dir/broker.log" 2>&1 </dev/null &
  echo $! >"$dir/pid"
  echo "127.0.0.1:$port" >"$dir/bootstrap"
  local waited=0
  until grep -q "Kafka Server started" "$dir/broker.log" 2>/dev/null && port_open "$port"; do
    if ! running; then
      log "broker exited; its log:"; tail -30 "$dir/broker.log" >&2
      log "if its storage is damaged, delete it with: $0 stop --dir $dir --purge"
      exit 1
    fi
    if (( waited >= timeout_s * 10 )); then log "not ready after ${timeout_s}s; see $dir/broker.log"; exit 1; fi
    sleep 0.1; waited=$((waited + 1))
  done
  log "ready on 127.0.0.1:$port after $((waited / 10)).$((waited % 10))s (pid $(cat "$dir/pid"), log $dir/broker.log)"
  cat "$dir/bootstrap"
}

stop() {
  if running; then
    local pid; pid=$(cat "$dir/pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    log "stopped (pid $pid)"
  fi
  rm -f "$dir/pid" "$dir/bootstrap"
  if [[ "$purge" == true ]]; then rm -rf "$dir"; fi
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  status) running && { log "running on $(cat "$dir/bootstrap")"; exit 0; } || { log "not running"; exit 1; } ;;
  *) echo "usage: $0 start|stop|status [--dir DIR] [--port PORT] [--purge]" >&2; exit 2 ;;
esac
