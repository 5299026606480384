import Foundation
import Testing
@testable import BaogaoKit

/// Web pages: visible text, headings, entities, charsets.
struct HTMLReaderTests {
    @Test func headingTagsBecomeSectionsAndTheOnlyH1IsTheTitle() throws {
        let html = """
            <html><body><div class="crumb">首页 &gt; 工作动态</div>
            <h1>市农业农村局2022年工作总结</h1>
            <p>全年各项工作稳步推进。</p>
            <h2>总体情况</h2><p>完成投资12亿元。</p>
            <h3>产业发展</h3><p>新建产业园2个。</p>
            <h2>下步打算</h2><p>继续推进乡村振兴。</p>
            </body></html>
            """
        let report = try readReport(Data(html.utf8), named: "a.html")
        #expect(view(report).map(\.trail) == [
            [], [], [], ["总体情况"], ["总体情况"], ["总体情况", "产业发展"], ["总体情况", "产业发展"],
            ["下步打算"], ["下步打算"],
        ])
        #expect(view(report)[1].text == "市农业农村局2022年工作总结")
    }

    @Test func severalH1AreHeadings() {
        let lines = HTMLText.extract("<h1>第一部分</h1><p>正文。</p><h1>第二部分</h1><p>正文。</p>")
        #expect(lines.map(\.level) == [1, nil, 1, nil])
    }

    @Test(arguments: [
        ("<p>a&amp;b &lt;c&gt; &quot;d&quot; &#39;e&#39;</p>", "a&b <c> \"d\" 'e'"),
        ("<p>&#x4E2D;&#22269;&ldquo;两个维护&rdquo;&mdash;&hellip;</p>", "中国“两个维护”—…"),
        ("<p>&copy 2022 &unknown; R&D & more</p>", "© 2022 &unknown; R&D & more"),
        ("<p>&#147;quoted&#148; &#0; &#xD800;</p>", "“quoted” \u{FFFD} \u{FFFD}"),
        ("<p>甲&nbsp;乙</p>", "甲\u{A0}乙"),
    ])
    func entitiesAreDecoded(_ html: String, _ text: String) {
        #expect(HTMLText.extract(html).map(\.text) == [text])
    }

    @Test func hiddenPartsStayHidden() {
        let html = """
            <head><title>标题栏</title><STYLE>.a{color:red}</STYLE></head>
            <body><script type="text/javascript">document.write("<p>脚本</p>");</SCRIPT>
            <noscript>请启用脚本</noscript><template><p>模板</p></template>
            <p>可见<!-- 注释 <p>不可见</p> -->文字</p><select><option>选项</option></select></body>
            """
        #expect(HTMLText.extract(html).map(\.text) == ["可见文字"])
    }

    @Test func blocksLineBreaksAndWhitespace() {
        let html = """
            <div>第一段<br>第二段<br/>第三段</div><ul><li>甲项</li><li>乙项</li></ul>
            <p>Baogao   finds
               phrases</p><p>中文在源码里
            换行不加空格</p><p>中文 and English
            mixed</p><pre>保留
              格式</pre><span>行内</span><span>相连</span>
            """
        #expect(HTMLText.extract(html).map(\.text) == [
            "第一段", "第二段", "第三段", "甲项", "乙项", "Baogao finds phrases", "中文在源码里换行不加空格",
            "中文 and English mixed", "保留", "格式", "行内相连",
        ])
    }

    @Test func tableCellsAreTabSeparated() {
        let html = "<table><tr><th>项目</th><th>金额</th></tr><tr><td><p>高标准农田</p></td><td>4.5</td></tr></table>"
        #expect(HTMLText.extract(html).map(\.text) == ["项目\t金额", "高标准农田", "4.5"])
    }

    @Test func aWrongCharsetDeclarationFallsBackToTheBytes() throws {
        // Declared UTF-8, written in GBK: the bytes win.
        let page = #"<meta charset="utf-8"><p>乡村振兴取得新进展。</p>"#
        let report = try readReport(TestEncodings.gb18030(page), named: "a.html")
        #expect(view(report).map(\.text) == ["乡村振兴取得新进展。"])
        // Declared GBK, written in UTF-8 that is not valid GBK: read as UTF-8.
        let utf8 = #"<meta charset="gbk"><p>乡村振兴取得新进展。</p>"#
        let report2 = try readReport(Data(utf8.utf8), named: "b.html")
        #expect(view(report2).map(\.text) == ["乡村振兴取得新进展。"])
    }

    @Test func theDeclaredCharsetIsFound() {
        #expect(HTMLCharset.declared(in: Data(#"<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GB2312">"#.utf8)) == "gb2312")
        #expect(HTMLCharset.declared(in: Data("<meta charset='gbk' />".utf8)) == "gbk")
        #expect(HTMLCharset.declared(in: Data(#"<meta name="x" content="y"><meta charset=utf-8>"#.utf8)) == "utf-8")
        #expect(HTMLCharset.declared(in: Data("<p>charset=gbk</p>".utf8)) == nil)
    }
}
