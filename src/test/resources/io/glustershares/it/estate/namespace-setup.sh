# Runs inside a fresh estate namespace (through nsenter), once, as root: gives the namespace its
# private mounts, its address and its host name, then makes everything else of the host's file
# system read-only in here, so nothing that runs in the estate can write the host by mistake.
#   $1 name (host name)   $2 kind: node | client   $3 the namespace's own directory
#   $4 the estate directory   $5 address/prefix on eth0   $6 gsyncd to hide, or ""
set -eu
name=$1 kind=$2 d=$3 est=$4 addr=$5 gsyncd=$6

mkdir -p "$d/home" "$d/log" "$d/mnt" "$d/ssl/etc.up" "$d/ssl/etc.wk" "$d/ssl/lib.up" "$d/ssl/lib.wk"
# The estate's own directory stays writable after the root goes read-only below.
mount --bind "$est" "$est"
# A private /run (= /var/run): the gluster CLI talks to /run/glusterd.socket, glusterd keeps pid
# files and brick sockets under /run/gluster. Shared, it would reach the host's glusterd.
mount -t tmpfs -o mode=755,size=64m estate-run /run
mkdir -p /run/sshd /run/gluster /run/lock
mount -t tmpfs -o mode=1777,size=512m estate-tmp /tmp
mount -t tmpfs -o mode=1777,size=64m estate-shm /dev/shm
# A private root home: sshd's shell must not read the host's ~/.bashrc, nobody may touch ~/.ssh.
mount --bind "$d/home" /root
mount --bind "$d/log" /var/log/glusterfs
mount --bind "$d/mnt" /mnt
mount --bind "$est/hosts" /etc/hosts
mount --bind "$est/resolv.conf" /etc/resolv.conf
# This namespace's own glusterfs.{pem,key,ca}: overlays keep the host's directories untouched.
# Debian's build reads /usr/lib/ssl/glusterfs.*, so that path links to /etc/ssl's files.
mount -t overlay estate-ssl -o "lowerdir=/etc/ssl,upperdir=$d/ssl/etc.up,workdir=$d/ssl/etc.wk" /etc/ssl
mount -t overlay estate-ssl -o "lowerdir=/usr/lib/ssl,upperdir=$d/ssl/lib.up,workdir=$d/ssl/lib.wk" /usr/lib/ssl
for f in pem key ca; do
  rm -f "/etc/ssl/glusterfs.$f" "/usr/lib/ssl/glusterfs.$f"
  ln -s "/etc/ssl/glusterfs.$f" "/usr/lib/ssl/glusterfs.$f"
done
if [ "$kind" = node ]; then
  mkdir -p "$d/glusterd/groups" "$d/srv/bricks"
  mount --bind "$d/glusterd" /var/lib/glusterd
  mount --bind "$d/srv" /srv
  # The option groups gluster ships (virt, samba...); no hook scripts: the samba/CTDB ones edit /etc.
  for g in /etc/glusterfs/group-*; do
    [ -e "$g" ] || continue
    b=${g##*/group-}
    cp "$g" "$d/glusterd/groups/${b%.example}"
  done
  if [ -n "$gsyncd" ]; then
    # glusterd runs ~25 python gsyncd calls at every start (1.5 to 4.5 s) unless gsyncd is
    # missing; an overlay whiteout makes it missing in here only.
    mkdir -p "$d/gsyncd.up" "$d/gsyncd.wk"
    mount -t overlay estate-nogeorep -o "lowerdir=${gsyncd%/*},upperdir=$d/gsyncd.up,workdir=$d/gsyncd.wk" "${gsyncd%/*}"
    rm -f "$gsyncd"
  fi
fi
hostname "$name"
ip link set lo up
ip addr add "$addr" dev eth0
ip link set eth0 up
mount -o remount,bind,ro /
