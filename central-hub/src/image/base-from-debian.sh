#!/bin/sh
# The hub image's base, with no registry and no daemon: the files of Debian's own packages for a
# headless Java 17 (openjdk-17-jre-headless and the libraries it runs on), as installed on the
# build machine, in "docker save" format for Jib (from.image = tar://...). Where a registry is
# reachable, build on a maintained image instead: -Dvaktpost.image.base=eclipse-temurin:17-jre.
set -eu
OUT=$1
JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
# the JRE's own package, and the packages of every library its headless parts load (the window
# system's AWT, sound and splash screen are left out: the hub has no screen)
command -v ldd >/dev/null || { echo "base-from-debian: needs ldd" >&2; exit 2; }
dpkg-query -W -f='${Status}\n' openjdk-17-jre-headless 2>/dev/null | grep -q "ok installed" || {
  echo "base-from-debian: openjdk-17-jre-headless is not installed (apt-get install -y openjdk-17-jre-headless), or pass -Dvaktpost.image.base=IMAGE" >&2
  exit 2
}
LIBS=$(find "$JAVA_HOME/lib" -name '*.so' ! -name 'libawt_xawt.so' ! -name 'libjawt.so' ! -name 'libsplashscreen.so' ! -name 'libjsound.so')
PACKAGES=$( { echo openjdk-17-jre-headless; echo libc6;
  for lib in $(ldd "$JAVA_HOME/bin/java" $LIBS 2>/dev/null | awk '/=> \//{print $3}' | sort -u); do
    real=$(readlink -f "$lib")
    # dpkg knows a library by the path its package gave, before or after Debian merged /usr
    { dpkg-query -S "$lib" || dpkg-query -S "$real" || dpkg-query -S "${real#/usr}"; } 2>/dev/null | head -1 | cut -d: -f1
  done; } | sort -u | tr '\n' ' ')
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "ok installed" || {
    echo "base-from-debian: Debian package $p is not installed (apt-get install -y $p), or pass -Dvaktpost.image.base=IMAGE" >&2
    exit 2
  }
done
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
ROOT="$W/rootfs"
mkdir -p "$ROOT/usr"
# Debian's merged /usr: /lib, /bin, ... are links into /usr, as on the build machine
for d in bin sbin lib lib64; do
  if [ -L "/$d" ]; then mkdir -p "$ROOT/usr/$d"; ln -s "usr/$d" "$ROOT/$d"; fi
done
# every regular file and symlink the packages installed (directories follow from them)
for p in $PACKAGES; do dpkg-query -L "$p"; done | sort -u | while read -r f; do
  case "$f" in /usr/share/doc/*|/usr/share/man/*|/usr/share/locale/*|/usr/share/info/*|/usr/share/lintian/*) continue ;; esac
  if [ -f "$f" ] || [ -L "$f" ]; then printf '%s\n' "${f#/}"; fi
done > "$W/files"
tar -C / -cf - --no-recursion -T "$W/files" | tar -C "$ROOT" --keep-directory-symlink -xf -
# the trust store Debian generates at install time (outbound HTTPS: push, webhooks, e-mail)
mkdir -p "$ROOT/etc/ssl/certs/java" "$ROOT/usr/bin" "$ROOT/tmp" "$ROOT/var/lib/vaktpost" "$ROOT/etc/vaktpost"
cp /etc/ssl/certs/java/cacerts "$ROOT/etc/ssl/certs/java/cacerts"
ln -sf "$JAVA_HOME/bin/java" "$ROOT/usr/bin/java"
chmod 1777 "$ROOT/tmp"
# the hub runs as uid 1000 (no root in the container); its data folder is its own
chown 1000:1000 "$ROOT/var/lib/vaktpost"
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nvaktpost:x:1000:1000:Vaktpost:/var/lib/vaktpost:/usr/sbin/nologin\n' > "$ROOT/etc/passwd"
printf 'root:x:0:\nvaktpost:x:1000:\n' > "$ROOT/etc/group"
# the layer: numeric owners, fixed times, sorted, so the same packages give the same base
tar --numeric-owner --sort=name --mtime=@0 -C "$ROOT" -cf "$W/layer.tar" .
DIFF=$(sha256sum "$W/layer.tar" | cut -d' ' -f1)
mkdir "$W/$DIFF"
mv "$W/layer.tar" "$W/$DIFF/layer.tar"
VERSION=$(dpkg-query -W -f='${Version}' openjdk-17-jre-headless)
cat > "$W/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$JAVA_HOME","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$DIFF"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"Debian openjdk-17-jre-headless $VERSION and its libraries"}]}
JSON
CFG=$(sha256sum "$W/config.json" | cut -d' ' -f1)
mv "$W/config.json" "$W/$CFG.json"
printf '[{"Config":"%s.json","RepoTags":["vaktpost/base:jre17"],"Layers":["%s/layer.tar"]}]\n' "$CFG" "$DIFF" > "$W/manifest.json"
mkdir -p "$(dirname "$OUT")"
tar -C "$W" -cf "$OUT" manifest.json "$CFG.json" "$DIFF"
echo "base-from-debian: $OUT (openjdk-17-jre-headless $VERSION)"
