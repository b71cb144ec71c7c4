import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
import Store

/// `evidence import` against hostile files: an alias bomb, control characters, hostile file names
/// and symbolic-link loops. Each is refused or handled within bounded time and memory, and a refused
/// import leaves the database as it was.
@Suite struct ImportHardeningTests {
    let folder = TemporaryDirectory()
    var database: String { folder.file("evidence.sqlite") }

    struct LimitedRun {
        var status: Int32
        var standardOutput: String
        var standardError: String
        /// False when the command was still running at the deadline and was stopped.
        var finished: Bool
    }

    /// Runs `evidence ARGUMENTS…` with its address space limited to `megabytes` (through `ulimit -v`)
    /// and stops it if it is still running after `seconds`.
    func runLimited(_ arguments: [String], megabytes: Int = 2048, seconds: Double = 60) throws -> LimitedRun {
        let out = folder.file("limited.out"), err = folder.file("limited.err")
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments =
            ["-c", "ulimit -v \(megabytes * 1024) && exec \"$0\" \"$@\"", CommandRunner.executable] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["EVIDENCE_DATABASE"] = database
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let finished = !process.isRunning
        if !finished { process.terminate() }
        process.waitUntilExit()
        return LimitedRun(
            status: process.terminationStatus,
            standardOutput: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "",
            finished: finished)
    }

    /// A database holding one record, and its content digest.
    func seededDatabase() throws -> String {
        let seed = folder.write("seed.jsonl", #"{"id": "seed", "title": "Seed", "text": "Kept as it is."}"# + "\n")
        let output = try CommandRunner.run(["import", seed], database: database)
        try #require(output.status == 0, "\(output.standardError)")
        return try EvidenceStore(path: database).contentDigest()
    }

    @Test func aNineDeepAliasBombIsRefusedInADryRunWithinAGigabyte() throws {
        var lines = [
            "---", "id: laughs", "title: Laughs", #"x0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#,
        ]
        for level in 1..<9 {
            lines.append(
                "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]")
        }
        let bomb = folder.write("bomb.md", (lines + ["---", "Text.", ""]).joined(separator: "\n"))
        let run = try runLimited(["import", "--dry-run", bomb], megabytes: 1024, seconds: 60)
        #expect(run.finished)
        #expect(run.status == 1, "\(run.standardError.prefix(500))")
        #expect(run.standardError.contains("bomb.md:4: error: field 'x0': "), "\(run.standardError.prefix(500))")
    }

    /// A NUL in each format, written as each format allows.
    static let nulFiles: [(name: String, content: String, expected: String)] = [
        (
            "nul.jsonl",
            #"{"id": "seed", "title": "Changed", "text": "x"}"# + "\n"
                + #"{"id": "nul", "title": "T", "text": "before\u0000after"}"# + "\n",
            "nul.jsonl:2: error: field 'summary': "
        ),
        ("nul.csv", "id,title,text\nseed,Changed,x\nnul,T,before\u{0}after\n", "nul.csv:3: error: field 'summary': "),
        ("nul.md", "---\nid: nul\ntitle: T\n---\n## Summary\nbefore\u{0}after\n", "nul.md:5: error: field 'summary': "),
        (
            "nul.ris", "TY  - GEN\nID  - nul\nTI  - before\u{0}after\nAB  - x\nER  - \n",
            "nul.ris:3: error: field 'title': "
        ),
    ]

    @Test(arguments: nulFiles.indices)
    func aNulIsRefusedAndTheDatabaseIsUnchanged(_ index: Int) throws {
        let bad = Self.nulFiles[index]
        let before = try seededDatabase()
        let output = try CommandRunner.run(["import", folder.write(bad.name, bad.content)], database: database)
        #expect(output.status == 1)
        #expect(output.standardError.contains(bad.expected), "stderr was: \(output.standardError)")
        #expect(output.standardError.contains("control character U+0000"))
        #expect(try EvidenceStore(path: database).contentDigest() == before)
        // And a second attempt is refused the same way rather than crashing.
        #expect(try CommandRunner.run(["import", folder.file(bad.name)], database: database).status == 1)
    }

    @Test func hostileFileNamesExportAndImportIntoAFreshDatabaseUnchanged() throws {
        let names = [
            "Evil Name; <script>", "line\nbreak",
            String(repeating: "long name ", count: 25).trimmingCharacters(in: .whitespaces), "fd\u{0430}c-london",
        ]
        for name in names {
            folder.write("in/\(name).md", "---\ntitle: \(yamlQuoted(name))\nkind: guidance\n---\nText.\n")
        }
        let first = try CommandRunner.run(["import", folder.file("in")], database: database)
        try #require(first.status == 0, "\(first.standardError)")
        let list = try CommandRunner.run(["list", "--json"], database: database)
        let ids = try #require(
            (try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [String: Any])?["records"]
                as? [[String: Any]]
        ).compactMap { $0["id"] as? String }
        #expect(ids.count == names.count)
        for id in ids { #expect(RecordID.isValid(id), "'\(id)'") }

        let export = try CommandRunner.run(
            ["export", "--format", "md", "--output", folder.file("out")], database: database)
        try #require(export.status == 0, "\(export.standardError)")
        let fresh = folder.file("fresh.sqlite")
        let again = try CommandRunner.run(["import", folder.file("out")], database: fresh)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(try EvidenceStore(path: fresh).contentDigest() == EvidenceStore(path: database).contentDigest())
    }

    @Test func aFolderLinkedToItselfImportsInBoundedTime() throws {
        folder.write("loop/one.md", "---\nid: one\ntitle: One\n---\nText.\n")
        for name in ["a", "b"] {
            try FileManager.default.createSymbolicLink(atPath: folder.file("loop/\(name)"), withDestinationPath: ".")
        }
        let run = try runLimited(["import", "--dry-run", folder.file("loop")], seconds: 60)
        #expect(run.finished, "the import was still walking the folder after a minute")
        #expect(run.status == 0, "\(run.standardError.prefix(500))")
        #expect(run.standardOutput.contains("Checked 1 records in 1 file"), "\(run.standardOutput)")
    }
}

/// `text` as a double-quoted YAML (and JSON) string, for hand-written front matter.
func yamlQuoted(_ text: String) -> String {
    let data = try! JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
    return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
}
