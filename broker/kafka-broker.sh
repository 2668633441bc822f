#!/usr/bin/env bash
# A single-node KRaft Kafka broker (broker + controller roles) as a separate process.
#   kafka-broker.sh start  [--dir DIR] [--port PORT] [--secure]
#                                                      start (formatting storage the first time), wait until ready
#   kafka-broker.sh stop   [--dir DIR] [--purge]       stop the process; --purge also deletes its storage
#   kafka-broker.sh status [--dir DIR]                 exit 0 when running
# Storage outlives `stop`: a later `start` in the same DIR has the same topics, records and offsets.
# On success `start` prints the bootstrap address (host:port) on stdout; everything else goes to stderr.
#
# --secure (remembered by the storage): no plaintext listener. PORT speaks SASL_SSL with
# SCRAM-SHA-512, the port in DIR/bootstrap-tls speaks SSL with client certificates (mTLS), the
# controller speaks mTLS; StandardAuthorizer, no access without an ACL. Made at the first start with
# keytool: a cluster CA, the broker's certificate (127.0.0.1, localhost), a SCRAM user for
# finesynth-admin (a super user) and every KafkaUser in deploy/base/generated/kafka-users.yaml, and a
# TLS user for finesynth-client. Their secrets lie in DIR/secrets laid out as Strimzi's:
# cluster-ca/ca.crt, users/NAME/{password,sasl.jaas.config}, users/NAME-tls/{user.p12,user.password}.
# ACLs are the caller's: ./finesynth up --secure grants each user those of its KafkaUser.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lib="$here/target/kafka-lib"
cmd=${1:-}; shift || true
dir="${FINESYNTH_BROKER_DIR:-$here/../.finesynth/broker}"
port="${FINESYNTH_BROKER_PORT:-9092}"
timeout_s=60
purge=false
secure=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --timeout) timeout_s=$2; shift 2 ;;
    --purge) purge=true; shift ;;
    --secure) secure=true; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

log() { echo "[broker] $*" >&2; }

running() { [[ -f "$dir/pid" ]] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

secret() { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24; }

# a key pair for CN=$1 in the PKCS12 keystore $2 (password $3), signed by the cluster CA
signed_keystore() {
  local name=$1 keystore=$2 password=$3 san=${4:-}
  local ca="$dir/secrets/ca-private/ca.p12" ca_pw; ca_pw=$(cat "$dir/secrets/ca-private/ca.password")
  keytool -genkeypair -alias "$name" -dname "CN=$name" -keyalg RSA -keysize 2048 -validity 825 \
    -storetype PKCS12 -keystore "$keystore" -storepass "$password" -keypass "$password"
  keytool -certreq -alias "$name" -keystore "$keystore" -storepass "$password" \
    | keytool -gencert -alias ca -keystore "$ca" -storepass "$ca_pw" -rfc -validity 825 \
        ${san:+-ext "SAN=$san"} -ext KeyUsage=digitalSignature,keyEncipherment \
        -ext ExtendedKeyUsage=serverAuth,clientAuth >"$keystore.crt"
  keytool -importcert -noprompt -alias ca -file "$dir/secrets/cluster-ca/ca.crt" \
    -keystore "$keystore" -storepass "$password"
  keytool -importcert -alias "$name" -file "$keystore.crt" -keystore "$keystore" -storepass "$password"
  rm -f "$keystore.crt"
}

# the users of the deploy manifests' KafkaUsers, and the admin
scram_users() {
  echo finesynth-admin
  sed -n 's/^  name: \(finesynth-[a-z0-9-]*\)$/\1/p' "$here/../deploy/base/generated/kafka-users.yaml"
}

make_secrets() {
  local s="$dir/secrets"
  mkdir -p "$s/cluster-ca" "$s/ca-private" "$s/users"
  chmod 700 "$s"
  secret >"$s/ca-private/ca.password"
  keytool -genkeypair -alias ca -dname "CN=finesynth-local-ca" -ext bc:c -keyalg RSA -keysize 2048 \
    -validity 825 -storetype PKCS12 -keystore "$s/ca-private/ca.p12" \
    -storepass "$(cat "$s/ca-private/ca.password")" 2>/dev/null
  keytool -exportcert -rfc -alias ca -keystore "$s/ca-private/ca.p12" \
    -storepass "$(cat "$s/ca-private/ca.password")" -file "$s/cluster-ca/ca.crt" 2>/dev/null
  secret >"$s/ca-private/broker.password"
  signed_keystore finesynth-broker "$s/ca-private/broker.p12" "$(cat "$s/ca-private/broker.password")" \
    ip:127.0.0.1,dns:localhost 2>/dev/null
  for user in $(scram_users); do
    mkdir -p "$s/users/$user"
    secret >"$s/users/$user/password"
    printf 'org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";\n' \
      "$user" "$(cat "$s/users/$user/password")" >"$s/users/$user/sasl.jaas.config"
  done
  mkdir -p "$s/users/finesynth-client-tls"
  secret >"$s/users/finesynth-client-tls/user.password"
  signed_keystore finesynth-client "$s/users/finesynth-client-tls/user.p12" \
    "$(cat "$s/users/finesynth-client-tls/user.password")" 2>/dev/null
}

start() {
  if running; then
    if [[ $secure == true && ! -f "$dir/secure" ]]; then
      log "a broker without --secure runs from $dir; stop it first: $0 stop --dir $dir --purge"
      exit 1
    fi
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
  rm -f "$dir/pid" "$dir/bootstrap" "$dir/bootstrap-tls"
  local formatted=false; [[ -f "$dir/data/meta.properties" ]] && formatted=true
  if [[ -f "$dir/secure" ]]; then secure=true
  elif [[ $secure == true && $formatted == true ]]; then
    log "the storage in $dir was made without --secure; delete it first: $0 stop --dir $dir --purge"
    exit 1
  fi
  local listeners
  if [[ $secure == true ]]; then
    local tls_port
    tls_port=$(sed -n 's/^listeners=.*SSL:\/\/127.0.0.1:\([0-9]*\),.*$/\1/p' "$dir/server.properties" 2>/dev/null || true)
    if [[ -z "$tls_port" ]] || port_open "$tls_port"; then tls_port=$(free_port); fi
    if [[ ! -d "$dir/secrets" ]]; then log "making the cluster CA, certificates and users"; make_secrets; fi
    touch "$dir/secure"
    echo "127.0.0.1:$tls_port" >"$dir/bootstrap-tls"
    listeners="listeners=SASL_SSL://127.0.0.1:$port,SSL://127.0.0.1:$tls_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=SASL_SSL://127.0.0.1:$port,SSL://127.0.0.1:$tls_port
inter.broker.listener.name=SSL
listener.security.protocol.map=CONTROLLER:SSL,SASL_SSL:SASL_SSL,SSL:SSL
sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
ssl.keystore.type=PKCS12
ssl.keystore.location=$dir/secrets/ca-private/broker.p12
ssl.keystore.password=$(cat "$dir/secrets/ca-private/broker.password")
ssl.truststore.type=PEM
ssl.truststore.location=$dir/secrets/cluster-ca/ca.crt
listener.name.ssl.ssl.client.auth=required
listener.name.controller.ssl.client.auth=required
ssl.principal.mapping.rules=RULE:^CN=([^,]+).*\$/\$1/,DEFAULT
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:finesynth-broker;User:finesynth-admin"
  else
    listeners="listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"
  fi
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
controller.listener.names=CONTROLLER
$listeners
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
    local scram=()
    if [[ $secure == true ]]; then
      for user in $(scram_users); do
        scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=$(cat "$dir/secrets/users/$user/password")]")
      done
    fi
    java -cp "$lib/*" "${java_opts[@]}" kafka.tools.StorageTool format \
      -t "$cluster_id" -c "$dir/server.properties" "${scram[@]}" >"$dir/format.log" 2>&1 \
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
  [[ $secure == true ]] && log "secured: SASL_SSL on $port, mTLS on $(cat "$dir/bootstrap-tls"), secrets in $dir/secrets"
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
  rm -f "$dir/pid" "$dir/bootstrap" "$dir/bootstrap-tls"
  if [[ "$purge" == true ]]; then rm -rf "$dir"; fi
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  status) running && { log "running on $(cat "$dir/bootstrap")"; exit 0; } || { log "not running"; exit 1; } ;;
  *) echo "usage: $0 start|stop|status [--dir DIR] [--port PORT] [--secure] [--purge]" >&2; exit 2 ;;
esac
