#!/bin/sh
# Checks that inspectrack(1) mentions every long option the command line defines.
#
# usage: check_options.sh MANDOC RUN_CPP PAGE
#   MANDOC   the mandoc program
#   RUN_CPP  src/cli/run.cpp, where every option is declared as a "--name" literal
#   PAGE     the configured man page
# The page is rendered to plain text first, so that an option counts however the
# source spells it (.Fl \-db, .Fl -db); lines are made wide enough that no option
# is broken at a hyphen.
set -u
mandoc=$1
source=$2
page=$3

options=$(grep -o '"--[a-z][a-z-]*"' "$source" | tr -d '"' | sort -u)
if [ -z "$options" ]; then
  echo "no long options found in $source: has the way options are declared changed?"
  exit 1
fi

text=$("$mandoc" -T ascii -O width=1000 "$page" | sed 's/.\x08//g')
if [ -z "$text" ]; then
  echo "mandoc could not render $page"
  exit 1
fi

missing=0
for option in $options; do
  if ! printf '%s\n' "$text" | grep -Eq -- "(^|[^a-z-])$option([^a-z-]|\$)"; then
    echo "$page does not mention $option (declared in $source)"
    missing=1
  fi
done
[ "$missing" -eq 0 ] && echo "all $(printf '%s\n' "$options" | wc -l) long options are documented"
exit "$missing"
