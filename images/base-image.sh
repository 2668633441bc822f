#!/usr/bin/env bash
# Builds the JRE base image of the finesynth images from Debian packages, with no Docker daemon:
# mmdebstrap (openjdk-17-jre-headless) -> umoci (OCI layout, config) -> skopeo (docker-archive tar).
# Writes target/images/jre-base.tar (finesynth/jre-base:17); does nothing if it exists already
# (delete it, or pass --force, to rebuild).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=target/images/jre-base.tar
[[ ${1:-} == --force ]] && rm -f "$out"
if [[ -s $out ]]; then
  echo "$out"
  exit 0
fi
for tool in mmdebstrap umoci skopeo; do
  command -v "$tool" >/dev/null || { echo "base-image.sh: $tool is missing (./finesynth images installs it)" >&2; exit 1; }
done
mirror=$(grep -h -o 'http[s]*://[^ ]*debian/*$' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | head -1 || true)
[[ -n $mirror ]] || mirror=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -1)
mirror=${mirror:-http://deb.debian.org/debian}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p target/images
mmdebstrap --mode=root --variant=essential --quiet \
  --include=openjdk-17-jre-headless,ca-certificates \
  --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
  --customize-hook='echo "finesynth:x:10001:10001:finesynth:/tmp:/usr/sbin/nologin" >> "$1/etc/passwd"; echo "finesynth:x:10001:" >> "$1/etc/group"; mkdir -p "$1/var/lib/finesynth" "$1/deployments"; chown 10001:10001 "$1/var/lib/finesynth"; rm -rf "$1/var/cache/apt"/* "$1/var/lib/apt/lists"/*' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  bookworm "$work/rootfs.tar" "$mirror"
umoci init --layout "$work/oci"
umoci new --image "$work/oci:base"
umoci raw add-layer --image "$work/oci:base" "$work/rootfs.tar"
umoci config --image "$work/oci:base" \
  --config.env JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 \
  --config.env PATH=/usr/lib/jvm/java-17-openjdk-amd64/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --config.user 10001:10001 --config.workingdir /deployments \
  --os linux --architecture amd64 \
  --config.label org.opencontainers.image.title=finesynth-jre-base
skopeo copy --quiet "oci:$work/oci:base" "docker-archive:$out.tmp:finesynth/jre-base:17"
mv "$out.tmp" "$out"
echo "$out"
