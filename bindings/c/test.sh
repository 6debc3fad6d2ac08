#!/usr/bin/env bash
# Builds the C library (shared and static), compiles the C test program against the header
# and each library with -Wall -Wextra -Werror, runs it (once more under valgrind when valgrind
# is installed), compiles and runs the C example through the pkg-config template, and checks
# that every function in the header is called by the C tests.
#
# Prints one line per case and a closing "N passed, N failed" line; exits non-zero on any
# failure. MAILBOUNCE_PROFILE=release tests the release build (default: debug, which reuses
# what `cargo test` already compiled).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

profile="${MAILBOUNCE_PROFILE:-debug}"
case "$profile" in
    debug) cargo build -p mailbounce-ffi --locked ;;
    release) cargo build -p mailbounce-ffi --locked --release ;;
    *) echo "MAILBOUNCE_PROFILE must be debug or release, not $profile" >&2; exit 2 ;;
esac
lib="${CARGO_TARGET_DIR:-$root/target}/$profile"
cc="${CC:-gcc}"
cflags=(-std=c11 -Wall -Wextra -Werror -I "$root/bindings/c/include")
# What a static Rust library needs from the system on Linux (rustc --print native-static-libs).
static_libs=(-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc)
samples="$root/examples/bounces"
test_c="$root/bindings/c/tests/test_mailbounce.c"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
# Records one case: its name and the exit status of its check.
check() {
    if [ "$2" -eq 0 ]; then
        echo "ok - $1"
        passed=$((passed + 1))
    else
        echo "FAIL - $1"
        failed=$((failed + 1))
    fi
}

"$cc" "${cflags[@]}" "$test_c" -o "$work/test_shared" -L "$lib" -lmailbounce_ffi -Wl,-rpath,"$lib"
"$cc" "${cflags[@]}" "$test_c" -o "$work/test_static" "$lib/libmailbounce_ffi.a" "${static_libs[@]}"

# The C cases, against the shared library: their lines, then their counts added to ours.
status=0
"$work/test_shared" "$samples" >"$work/shared.out" || status=$?
sed '$d' "$work/shared.out"
summary="$(tail -n 1 "$work/shared.out")"
if [[ "$summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
    check "C tests exit with success (shared library)" "$status"
else
    check "C tests print their summary (got: $summary)" 1
fi

status=0
"$work/test_static" "$samples" >"$work/static.out" || status=$?
check "C tests against the static library: $(tail -n 1 "$work/static.out")" "$status"

if command -v valgrind >/dev/null; then
    status=0
    valgrind --leak-check=full --error-exitcode=1 --quiet \
        --suppressions="$root/bindings/c/valgrind.supp" \
        "$work/test_shared" "$samples" >"$work/valgrind.out" 2>"$work/valgrind.err" || status=$?
    [ "$status" -eq 0 ] || cat "$work/valgrind.err"
    check "valgrind: no memory errors or leaks" "$status"
else
    echo "skip - valgrind is not installed"
fi

# The example, compiled through the pkg-config template pointed at this build.
sed -e "s|@PREFIX@|$root|" -e "s|@LIBDIR@|$lib|" -e "s|@INCLUDEDIR@|$root/bindings/c/include|" \
    -e "s|@VERSION@|0|" "$root/bindings/c/mailbounce.pc.in" >"$work/mailbounce.pc"
if command -v pkg-config >/dev/null; then
    read -r -a example_flags <<<"$(PKG_CONFIG_PATH="$work" pkg-config --cflags --libs mailbounce)"
else
    example_flags=(-I "$root/bindings/c/include" -L "$lib" -lmailbounce_ffi)
fi
status=0
"$cc" "${cflags[@]}" "$root/examples/c/classify.c" -o "$work/classify" "${example_flags[@]}" \
    -Wl,-rpath,"$lib" || status=$?
check "examples/c/classify.c compiles" "$status"
expected="$(printf 'nobody@example.net\tuserunknown\t5.1.1\thard\tsuppress_recipient')"
status=0
[ "$("$work/classify" "$samples/postfix-user-unknown.eml" 2>&1)" = "$expected" ] || status=1
check "classify postfix-user-unknown.eml" "$status"

# Every function the header declares is called somewhere in the C tests.
missing=()
while read -r name; do
    grep -q "\b$name(" "$test_c" || missing+=("$name")
done < <(sed -n 's/^[a-z_0-9 ]*[ *]\(mb_[a-z_0-9]*\)(.*/\1/p' "$root/bindings/c/include/mailbounce.h")
[ "${#missing[@]}" -eq 0 ] || echo "  not called by the C tests: ${missing[*]}"
check "every function in mailbounce.h has a C test" "${#missing[@]}"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
