"""The official Python MCP SDK drives `baogao mcp` over stdio: a client nobody here wrote.

Run by .ci/run after the Swift build: BAOGAO_BIN names the built binary (default
.build/debug/baogao). Builds its own index from the repository's corpus/ plus one long
generated report, in a temporary folder.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import anyio
import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

REPO = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("BAOGAO_BIN", REPO / ".build" / "debug" / "baogao")).resolve()
LONG_REPORT = "县乡村振兴局_2024_乡村振兴专项报告.txt"


@pytest.fixture(scope="module")
def index():
    root = Path(tempfile.mkdtemp(prefix="baogao-mcp-py-"))
    folder = root / "reports"
    shutil.copytree(REPO / "corpus", folder)
    lines = ["县乡村振兴局2024年乡村振兴专项报告", "一、总体情况", "（一）产业帮扶"]
    lines += [
        f"第{n}项，{n}号村围绕乡村振兴目标，坚持规划先行、产业为基、生态为本，完善基础设施，"
        f"发展特色种植{n * 3}亩，带动农户{n * 7}户增收，村集体经济收入达到{n * 11}万元，"
        f"同时持续深化农村改革，健全自治、法治、德治相结合的乡村治理体系，培育新型农业经营主体{n}家，"
        f"建成高标准农田{n * 5}亩，村容村貌焕然一新，基层党组织战斗堡垒作用充分发挥，党员干部带头示范，"
        f"群众满意度持续提升，为全县乡村振兴提供了可复制、可推广的经验做法，编号{n}。"
        for n in range(1, 121)
    ]
    (folder / LONG_REPORT).write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = root / "reports.sqlite"
    subprocess.run([str(BINARY), "index", str(folder), "--index", str(path), "--quiet"], check=True)
    yield path
    shutil.rmtree(root, ignore_errors=True)


def session_run(index, body):
    """Starts `baogao mcp --index INDEX`, initializes a session and runs `body(session)`."""

    async def main():
        params = StdioServerParameters(command=str(BINARY), args=["mcp", "--index", str(index)])
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as session:
                initialized = await session.initialize()
                assert initialized.server_info.name == "baogao"
                return await body(session)

    return anyio.run(main)


def text_of(result):
    return next(item.text for item in result.content if item.type == "text")


def test_list_tools(index):
    async def body(session):
        return (await session.list_tools()).tools

    tools = session_run(index, body)
    assert [tool.name for tool in tools] == ["search", "units", "show", "reports"]
    for tool in tools:
        assert tool.annotations.read_only_hint is True
        assert tool.input_schema["type"] == "object"
        assert tool.output_schema["type"] == "object"
    assert "unit:" in tools[0].description and "year:" in tools[0].description


def test_search(index):
    async def body(session):
        await session.list_tools()  # the client then checks answers against the output schemas
        return await session.call_tool("search", {"query": "万人助万企 year:2023", "limit": 3})

    result = session_run(index, body)
    assert not result.is_error
    answer = json.loads(text_of(result))
    assert result.structured_content == answer
    assert 0 < len(answer["hits"]) <= 3
    for hit in answer["hits"]:
        assert hit["year"] == 2023
        assert "万人助万企" in hit["text"]
        assert {"path", "line", "section", "unit", "title", "highlights", "score", "match"} <= hit.keys()
    links = [item for item in result.content if item.type == "resource_link"]
    assert [str(link.uri).endswith(f"#L{hit['line']}") for link, hit in zip(links, answer["hits"])] == [True] * len(links)
    assert len(links) == len(answer["hits"])


def test_units(index):
    async def body(session):
        await session.list_tools()
        return await session.call_tool("units", {"query": "乡村振兴 OR 乡村全面振兴", "by": "year"})

    result = session_run(index, body)
    assert not result.is_error
    answer = result.structured_content
    assert answer["by"] == "year"
    assert len(answer["rows"]) > 1
    assert answer["totalPassages"] == sum(row["passages"] for row in answer["rows"])


def test_show(index):
    async def body(session):
        await session.list_tools()
        hit = (await session.call_tool("search", {"query": "优化营商环境", "limit": 1})).structured_content["hits"][0]
        section = await session.call_tool("show", {"path": hit["path"], "line": hit["line"], "query": "优化营商环境"})
        outline = await session.call_tool("show", {"path": hit["path"]})
        return hit, section, outline

    hit, section, outline = session_run(index, body)
    view = section.structured_content
    assert view["section"] == hit["section"]
    focused = [line for line in view["lines"] if line["line"] == hit["line"]]
    assert focused and focused[0]["highlights"]
    assert outline.structured_content["outline"]


def test_bad_query(index):
    async def body(session):
        bad = await session.call_tool("search", {"query": '"乡村振兴'})
        unknown = await session.call_tool("units", {"query": "乡村振兴 unit:市农业局"})
        missing = await session.call_tool("show", {"path": "../../etc/passwd"})
        after = await session.call_tool("search", {"query": "乡村振兴", "limit": 1})
        return bad, unknown, missing, after

    bad, unknown, missing, after = session_run(index, body)
    assert bad.is_error and text_of(bad) == "bad query: unbalanced quote at column 1"
    assert unknown.is_error and "市农业农村局" in text_of(unknown)
    assert missing.is_error and "no report at" in text_of(missing)
    assert not after.is_error


def test_capped_answer(index):
    async def body(session):
        await session.list_tools()
        first = await session.call_tool("search", {"query": "乡村振兴", "limit": 50})
        offset = first.structured_content["nextOffset"]
        second = await session.call_tool("search", {"query": "乡村振兴", "limit": 50, "offset": offset})
        return first, second

    first, second = session_run(index, body)
    answer = first.structured_content
    size = sum(len(item.text) if item.type == "text" else len(str(item.uri)) + len(item.name)
               + len(item.title or "") + len(item.description or "") for item in first.content)
    assert size <= 20_000
    assert len(answer["hits"]) < 50
    assert answer["nextOffset"] == len(answer["hits"])
    assert f"offset {answer['nextOffset']}" in answer["note"]
    again = second.structured_content
    assert again["offset"] == answer["nextOffset"]
    seen = {(hit["path"], hit["line"], hit["text"]) for hit in answer["hits"]}
    assert not seen & {(hit["path"], hit["line"], hit["text"]) for hit in again["hits"]}
