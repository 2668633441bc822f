#!/usr/bin/env bash
# Start-to-ready time of each service image, one at a time: podman run (host network, read-only
# root, writable /tmp, UID 10001 from the image) against the broker at $KAFKA_BOOTSTRAP_SERVERS,
# polling /q/health/live and /q/health/ready every 100 ms.
#   KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:PORT images/start-times.sh [version]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/images/containers.conf}
: "${KAFKA_BOOTSTRAP_SERVERS:?start a broker: broker/kafka-broker.sh start --dir DIR --port 0}"
version=${1:-$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)}
now() { date +%s.%N; }
printf '%-10s %8s %8s\n' service live_s ready_s
for pair in miner:8081 scorer:8082 trainer:8083 evaluator:8084; do
  svc=${pair%:*} port=${pair#*:} name=finesynth-start-$svc
  podman rm -f "$name" >/dev/null 2>&1 || true
  t0=$(now)
  podman run -d --rm --name "$name" --network host --read-only --tmpfs /tmp:rw,mode=1777 \
    --tmpfs /var/lib/finesynth:rw,mode=1777 -e KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP_SERVERS" \
    -e JAVA_OPTS="-Dquarkus.http.host=127.0.0.1 -Dfinesynth.topic-prefix=start-times." \
    "finesynth/$svc:$version" >/dev/null
  live=- ready=-
  for _ in $(seq 1 1800); do
    if [[ $live == - ]] && curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/live"; then
      live=$(awk -v a="$(now)" -v b="$t0" 'BEGIN{printf "%.1f", a-b}')
    fi
    if curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; then
      ready=$(awk -v a="$(now)" -v b="$t0" 'BEGIN{printf "%.1f", a-b}')
      [[ $live == - ]] && live=$ready
      break
    fi
    sleep 0.1
  done
  printf '%-10s %8s %8s\n' "$svc" "$live" "$ready"
  podman rm -f -t 20 "$name" >/dev/null 2>&1 || true
done
