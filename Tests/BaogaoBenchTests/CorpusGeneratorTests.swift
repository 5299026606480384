import Testing
import BaogaoBenchKit

struct CorpusGeneratorTests {
    static let sources = [
        """
        市XX办2021年度机关党建工作总结
        一、政治忠诚，强化理想信念教育
        （一）坚定践行“两个维护”。深入学习贯彻党的二十大精神；全面落实主体责任。
        今年以来，我办坚持以党建引领业务发展，推动乡村振兴取得新成效！
        """,
        """
        市农业农村局2022年乡村振兴工作总结
        二、产业发展
        粮食生产稳中有增。全年粮食播种面积稳定在120万亩以上？特色产业加快发展。
        """,
    ]

    func generate(_ bytes: Int, seed: UInt64 = 7) -> [(String, String)] {
        var files: [(String, String)] = []
        CorpusGenerator(sources: Self.sources, seed: seed).generate(totalBytes: bytes) { files.append(($0, $1)) }
        return files
    }

    @Test func splitsSourcesIntoTitlesHeadingsAndSentences() {
        let generator = CorpusGenerator(sources: Self.sources, seed: 1)
        #expect(generator.titles == ["市XX办2021年度机关党建工作总结", "市农业农村局2022年乡村振兴工作总结"])
        #expect(generator.headings == ["一、政治忠诚，强化理想信念教育", "二、产业发展"])
        #expect(generator.sentences.contains("（一）坚定践行“两个维护”。"))
        #expect(generator.sentences.contains("全年粮食播种面积稳定在120万亩以上？"))
        #expect(generator.sentences.count == 7)
    }

    @Test(arguments: [
        ("甲。乙！丙？丁；戊", ["甲。", "乙！", "丙？", "丁；", "戊"]),
        ("没有句号", ["没有句号"]),
        ("。", ["。"]),
    ])
    func sentences(_ paragraph: String, _ expected: [String]) {
        #expect(CorpusGenerator.sentences(in: paragraph) == expected)
    }

    @Test func sameSeedSameCorpus() {
        let a = generate(200_000)
        let b = generate(200_000)
        #expect(a.map(\.0) == b.map(\.0))
        #expect(a.map(\.1) == b.map(\.1))
        #expect(generate(200_000, seed: 8).map(\.1) != a.map(\.1))
    }

    @Test(arguments: [1_000, 100_000, 1_000_000])
    func reachesTheRequestedSize(_ bytes: Int) {
        let files = generate(bytes)
        let total = files.reduce(0) { $0 + $1.1.utf8.count }
        #expect(total >= bytes)
        #expect(total < bytes + 31_000)
        #expect(Set(files.map(\.0)).count == files.count)
    }

    @Test func everyLineComesFromTheSources() {
        let generator = CorpusGenerator(sources: Self.sources, seed: 3)
        let known = Set(generator.headings + generator.titles)
        for (_, text) in generate(50_000, seed: 3) {
            for line in text.split(separator: "\n").map(String.init) where !known.contains(line) {
                var rest = Substring(line)
                while !rest.isEmpty {
                    let sentence = generator.sentences.first { rest.hasPrefix($0) }
                    #expect(sentence != nil, "«\(rest)» is not made of source sentences")
                    guard let sentence else { break }
                    rest = rest.dropFirst(sentence.count)
                }
            }
        }
    }

    @Test(arguments: [(1, "part-00/report-000001.txt"), (12345, "part-12/report-012345.txt")])
    func names(_ number: Int, _ name: String) {
        #expect(CorpusGenerator.name(number) == name)
    }
}
