@testable import BaogaoKit
import Foundation
import Synchronization
import Testing

/// The helper programs (pdftotext, pdftoppm, tesseract) run on several threads at once while
/// indexing; each run keeps its own output and status.
struct ProcessRunnerTests {
    private static let shell = URL(fileURLWithPath: "/bin/sh")

    @Test func outputStatusAndStandardErrorArePerRun() throws {
        let result = try ProcessRunner.run(Self.shell, ["-c", "printf '乡村振兴'; echo 告警 >&2; exit 3"], timeout: 30)
        #expect(result.status == 3)
        #expect(String(decoding: result.stdout, as: UTF8.self) == "乡村振兴")
        #expect(String(decoding: result.stderr, as: UTF8.self) == "告警\n")
    }

    @Test func aMissingProgramIsAReasonNotACrash() {
        #expect(throws: ProcessRunner.Failure.self) {
            try ProcessRunner.run(URL(fileURLWithPath: "/nonexistent/tesseract"), [], timeout: 5)
        }
    }

    @Test func aProgramPastItsTimeLimitIsStopped() {
        let started = Date()
        #expect(throws: ProcessRunner.Failure.self) {
            try ProcessRunner.run(Self.shell, ["-c", "sleep 30"], timeout: 0.5)
        }
        #expect(Date().timeIntervalSince(started) < 20)
    }

    /// Regression: Foundation's Process, used here before, crashed the whole process (a bad
    /// pointer in `Process.run()`, or malloc's "unaligned fastbin chunk") when programs were
    /// started and ended on several threads at once.
    @Test func manyThreadsRunProgramsAtOnce() throws {
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { thread in
            for run in 0..<60 {
                do {
                    let result = try ProcessRunner.run(Self.shell, ["-c", "echo 第\(thread)-\(run)项; echo e >&2"], timeout: 30)
                    let text = String(decoding: result.stdout, as: UTF8.self)
                    if result.status != 0 || text != "第\(thread)-\(run)项\n" {
                        failures.withLock { $0.append("\(thread)-\(run): \(result.status) \(text)") }
                    }
                } catch {
                    failures.withLock { $0.append("\(thread)-\(run): \(error)") }
                }
            }
        }
        let found = failures.withLock { $0 }
        #expect(found.isEmpty, "\(found.prefix(3))")
    }
}
