import BaogaoSpawn
import BaogaoTestSupport
import Foundation
import MCP
import Testing

/// Whatever the model sends, `baogao mcp` answers with a tool result it can act on (`isError`
/// and a message), never a protocol error, and goes on serving.
@Suite(.serialized)
struct StdioErrorTests {
    @Test func badCallsAreToolErrorsWithMessagesAndTheServerGoesOn() async throws {
        let fixture = try MCPFixture.get()
        let server = try await StdioServer.start(["--index", fixture.indexURL.path], in: fixture.root)
        let cases: [(String, [String: Value], String)] = [
            ("search", ["query": "\"乡村振兴"], "bad query: unbalanced quote at column 1"),
            ("search", ["query": "乡村振兴 unit:不存在的单位"], "不存在的单位"),
            ("search", ["query": "乡村振兴 year:1990"], "1990"),
            ("search", [:], "search needs query"),
            ("search", ["query": "   "], "search needs query"),
            ("search", ["query": "乡村振兴", "limit": 0], "limit must be from 1 to 50, not 0"),
            ("search", ["query": "乡村振兴", "limit": 500], "limit must be from 1 to 50, not 500"),
            ("search", ["query": "乡村振兴", "limit": "ten"], "limit must be a whole number"),
            ("search", ["query": "乡村振兴", "q": "x"], "search takes no argument “q”"),
            ("search", ["query": .string(String(repeating: "乡", count: 1001))], "longer than 1000 characters"),
            ("units", ["query": "乡村振兴", "by": "province"], "by must be unit, year or report"),
            ("show", ["path": "../../etc/passwd"], "no report at “../../etc/passwd” in the index"),
            ("show", ["path": "市XX办_2021_机关党建总结.txt"], "the nearest are 市XX办_2021_机关党建工作总结.txt"),
            ("show", ["path": "市XX办_2021_机关党建工作总结.txt", "line": 9999], "has no line 9999"),
            ("show", ["path": .int(5)], "no report at “5”"),
            ("reports", ["query": "(乡村振兴"], "bad query:"),
            ("delete", [:], "no tool “delete”; the tools are search, units, show, reports"),
        ]
        for (tool, arguments, message) in cases {
            let result = try await server.call(tool, arguments)
            #expect(result.isError == true, "\(tool) \(arguments)")
            #expect(result.text.contains(message), "\(tool) \(arguments): \(result.text)")
            #expect(result.structuredContent == nil)
        }
        // The unknown unit names the nearest units.
        let unit = try await server.call("search", ["query": "乡村振兴 unit:农业农村"])
        #expect(unit.isError != true, "a unique part of a unit's name is enough: \(unit.text)")
        let wrong = try await server.call("units", ["query": "乡村振兴 unit:市农业局"])
        #expect(wrong.isError == true)
        #expect(wrong.text.contains("市农业农村局"), "\(wrong.text)")

        // Still serving.
        let after = try await server.call("search", ["query": "乡村振兴", "limit": 1])
        #expect(after.isError != true)
        #expect(await server.stop() == 0)
    }

    /// Raw bytes no client would send: the process answers what it can and never dies.
    @Test func garbageOnStandardInputDoesNotStopTheServer() async throws {
        let (process, input, output) = try Self.rawServer()
        let lines = [
            "this is not json",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"search\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"search\",\"arguments\":{\"query\":[1,2]}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/read\",\"params\":{\"uri\":\"file:///etc/passwd\"}}",
            "\u{FF}\u{FE}\u{00}",
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"search\",\"arguments\":{\"query\":\"乡村振兴\",\"limit\":1}}}",
        ]
        input.fileHandleForWriting.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        var seen = ""
        let deadline = Date().addingTimeInterval(20)
        while !seen.contains("\"id\":4") && Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        #expect(seen.contains("\"id\":4"), "answered the last call: \(seen.prefix(500))")
        #expect(seen.contains("search needs query"))
        #expect(seen.contains("query must be text"))
        #expect(seen.contains("not a Baogao report URI"))
        #expect(process.isRunning)
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "ends cleanly when its input closes")
    }

    /// A script that writes its calls and closes standard input at once gets every answer:
    /// the server answers the calls under way before it exits.
    @Test func callsWrittenBeforeInputClosesAreAllAnswered() throws {
        let (process, input, output) = try Self.rawServer()
        let calls = (1...8).map { id in
            "{\"jsonrpc\":\"2.0\",\"id\":\(id),\"method\":\"tools/call\",\"params\":{\"name\":\"units\",\"arguments\":{\"query\":\"乡村振兴\",\"by\":\"report\"}}}"
        }
        input.fileHandleForWriting.write(Data((calls.joined(separator: "\n") + "\n").utf8))
        try input.fileHandleForWriting.close()
        let answers = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        for id in 1...8 {
            #expect(answers.contains("\"id\":\(id)"), "answer \(id) of 8: \(answers.prefix(300))")
        }
    }

    @Test func aMissingIndexIsAMessageAndStatusTwo() throws {
        let fixture = try MCPFixture.get()
        let process = SpawnedProcess()
        process.executableURL = BaogaoBinary.executable
        process.arguments = ["mcp", "--index", fixture.root.appendingPathComponent("none.sqlite").path]
        let errors = Pipe(), output = Pipe()
        process.standardError = errors
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("no index at"))
        #expect(output.fileHandleForReading.readDataToEndOfFile().isEmpty, "nothing but the protocol on standard output")
    }

    /// `baogao mcp` on the fixture with bare pipes, for bytes no SDK would write.
    static func rawServer() throws -> (SpawnedProcess, input: Pipe, output: Pipe) {
        let process = SpawnedProcess()
        process.executableURL = BaogaoBinary.executable
        process.arguments = ["mcp", "--index", try MCPFixture.get().indexURL.path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, input, output)
    }
}
