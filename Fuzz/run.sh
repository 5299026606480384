#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a while (default 20 s), seeded with the
# sample corpus. Exits non-zero on any crash. Usage: Fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
swift build --package-path Fuzz -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/queries"
printf '%s' '乡村振兴 OR 乡村全面振兴 -疫情' > "$work/queries/a"
printf '%s' '"数字 政府" unit:市XX办 year:2019..2021 section:营商环境' > "$work/queries/b"
for target in FuzzTokenizer FuzzStructure FuzzQuery; do
    mkdir -p "$work/$target"
    seeds=corpus
    [ "$target" = FuzzQuery ] && seeds="$work/queries"
    echo "fuzzing $target for ${seconds}s"
    Fuzz/.build/debug/$target -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$work/" "$work/$target" "$seeds" 2>&1 | grep -E "^(Done|==|SUMMARY)" || true
    if ls "$work"/crash-* "$work"/timeout-* "$work"/oom-* >/dev/null 2>&1; then
        echo "$target found a failing input:"; ls "$work"/crash-* "$work"/timeout-* "$work"/oom-* 2>/dev/null
        exit 1
    fi
done
echo "fuzzing: no crashes"
