#!/bin/sh
# check-potfiles.sh SRCDIR
#
# Fails when a file with translatable strings is missing from po/POTFILES.in,
# when POTFILES.in names a file that does not exist, or when it is unsorted.
set -eu
cd "$1"

status=0
listed=$(grep -v '^#' po/POTFILES.in | grep -v '^$')

candidates=$( (grep -rlE '(^|[^A-Za-z0-9_])(N?_|C_|NC_|g_dngettext) ?\(' src --include='*.c';
               grep -rl 'translatable="yes"' ui data) | sort -u)

for f in $candidates; do
  if ! printf '%s\n' "$listed" | grep -qxF "$f"; then
    echo "not in po/POTFILES.in: $f"
    status=1
  fi
done

for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in names a missing file: $f"
    status=1
  fi
done

if [ "$(printf '%s\n' "$listed")" != "$(printf '%s\n' "$listed" | LC_ALL=C sort)" ]; then
  echo "po/POTFILES.in is not sorted"
  status=1
fi

[ $status -eq 0 ] && echo "po/POTFILES.in lists all $(printf '%s\n' "$listed" | wc -l) files with translatable strings"
exit $status
