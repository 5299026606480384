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
# Reader seeds: the first byte picks the format (0 .docx, 1 .html, 2 .csv, 3 .jsonl, 4 .txt).
mkdir -p "$work/readers"
printf '\001<html><head><meta charset="gbk"><style>p{}</style></head><body><h2>总体情况</h2><p>乡村振兴&amp;稳步推进&#x4E00;</p><table><tr><td>甲</td><td>乙</td></tr></table></body></html>' > "$work/readers/html"
printf '\002title,unit,year,text\n"总结",市XX办,2021,"一、总体情况\n乡村振兴，""引号""。"\n乙,,,第二行\n' > "$work/readers/csv"
printf '\003{"title":"总结","text":"一、总体情况\\n乡村振兴"}\n{"text":"第二行"}\n' > "$work/readers/jsonl"
if command -v python3 >/dev/null; then
    python3 - "$work/readers/docx" <<'PY'
import io, sys, zipfile
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
               '<w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>总体情况</w:t></w:r></w:p>'
               '<w:p><w:r><w:t>乡村振兴稳步推进。</w:t></w:r></w:p></w:body></w:document>')
open(sys.argv[1], "wb").write(b"\0" + buffer.getvalue())
PY
fi
for target in FuzzTokenizer FuzzStructure FuzzQuery FuzzReaders; do
    mkdir -p "$work/$target"
    seeds=corpus
    [ "$target" = FuzzQuery ] && seeds="$work/queries"
    [ "$target" = FuzzReaders ] && seeds="$work/readers"
    echo "fuzzing $target for ${seconds}s"
    # Swift's own crash backtracer would take the signal before libFuzzer could save the input.
    status=0
    SWIFT_BACKTRACE=enable=no Fuzz/.build/debug/$target -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$work/" "$work/$target" "$seeds" > "$work/$target.log" 2>&1 || status=$?
    grep -E "^(Done|==|SUMMARY|Test unit written)" "$work/$target.log" || true
    if [ "$status" -ne 0 ] || ls "$work"/crash-* "$work"/timeout-* "$work"/oom-* >/dev/null 2>&1; then
        grep -E "^    #[0-9]+ .* in " "$work/$target.log" | head -12 || true
        mkdir -p test-artifacts/fuzz
        cp "$work"/crash-* "$work"/timeout-* "$work"/oom-* test-artifacts/fuzz/ 2>/dev/null || true
        echo "$target found a failing input (kept in test-artifacts/fuzz/):"; ls test-artifacts/fuzz/
        exit 1
    fi
done
echo "fuzzing: no crashes"
