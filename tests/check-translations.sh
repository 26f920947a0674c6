#!/bin/sh
# check-translations.sh SRCDIR
#
# Extracts a fresh template from the sources (the same keywords as meson's
# "glib" gettext preset) and fails unless every language in po/LINGUAS
# translates every message in it, with matching format strings.
set -eu
cd "$1"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

grep -v '^#' po/POTFILES.in | grep -v '^$' > "$tmp/files"
xgettext --files-from="$tmp/files" --directory=. --output="$tmp/sitrep.pot" \
  --package-name=sitrep --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_set_error:4:c-format --flag=g_error_new:3:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_task_return_new_error:4:c-format

total=$(grep -c '^msgid ' "$tmp/sitrep.pot")
status=0
for lang in $(grep -v '^#' po/LINGUAS); do
  if ! msgfmt --check --output-file=/dev/null "po/$lang.po"; then
    echo "po/$lang.po does not compile cleanly"
    status=1
  elif ! msgcmp "po/$lang.po" "$tmp/sitrep.pot"; then
    echo "po/$lang.po does not translate every message (update it with msgmerge)"
    status=1
  else
    echo "po/$lang.po translates all $((total - 1)) messages"
  fi
done
exit $status
