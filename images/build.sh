#!/usr/bin/env bash
# Builds the finesynth images as OCI image tars, with no Docker daemon: installs the tools it lacks
# (apt), builds the JRE base (images/base-image.sh -> target/images/jre-base.tar), then Jib's
# buildTar in each service, the cli and the operator (mvn -Pimages), and prints each image's tar
# and digests.
#   images/build.sh [--load]     --load also loads them into podman (images/containers.conf)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/images/containers.conf}
load=false
[[ ${1:-} == --load ]] && load=true

need=()
for pair in mmdebstrap:mmdebstrap umoci:umoci skopeo:skopeo podman:podman runc:runc; do
  command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
done
if ((${#need[@]})); then
  echo "[images] installing ${need[*]} (apt)" >&2
  sudo=$(command -v sudo || true)
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" uidmap conmon netavark \
    aardvark-dns containernetworking-plugins catatonit fuse-overlayfs \
    golang-github-containers-common >/dev/null
fi

images/base-image.sh >&2
version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)
revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)
[[ -z $(git status --porcelain 2>/dev/null | head -1) ]] || revision="$revision-dirty"
modules=miner-service,scorer-service,trainer-service,evaluator-service,cli,operator
offline=-o
[[ ${FINESYNTH_ONLINE:-} == true ]] && offline=
if [[ ! -f cli/target/finesynth-cli.jar ]] || [[ ! -f operator/target/finesynth-operator.jar ]] || ! ls ./*-service/target/quarkus-app/quarkus-run.jar >/dev/null 2>&1; then
  ./mvnw -B -q $offline install -DskipTests -Dspotless.check.skip=true >&2
fi
# the goal alone: the jars and quarkus-app folders are there (mvn -Pimages package does both)
./mvnw -B -q $offline -Pimages -pl "$modules" jib:buildTar -Dfinesynth.image.revision="$revision" >&2

printf '%-34s %-38s %7s  %s\n' IMAGE TAR SIZE "MANIFEST DIGEST / CONFIG DIGEST (image id)"
for m in ${modules//,/ }; do
  name=${m%-service}
  tar=$m/target/jib-image.tar
  printf '%-34s %-38s %6sM  %s / %s\n' "finesynth/$name:$version" "$tar" \
    "$(($(stat -c %s "$tar") / 1048576))" "$(cat "$m/target/jib-image.digest")" \
    "$(cat "$m/target/jib-image.id")"
  if $load; then podman load -q -i "$tar" >&2; fi
done
