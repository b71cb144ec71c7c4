import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
@testable import Ingest

/// A folder walk resolves symbolic links and reads each real folder and file once, so links that
/// point back up the tree cannot make an import run for ever.
@Suite struct SymlinkLoopTests {
    let folder = TemporaryDirectory()

    func link(_ name: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: folder.file(name), withDestinationPath: destination)
    }

    @Test(.timeLimit(.minutes(1)))
    func aFolderWithTwoLinksToItselfIsReadOnce() throws {
        // One link first: without the guard, the walk stops after some 40 levels (the kernel's limit on
        // links in one path), so this test fails at once rather than walking 3^40 folders below.
        folder.write("single/one.md", "---\nid: one\ntitle: One\n---\nText.\n")
        try link("single/self", to: ".")
        let single = EvidenceLoader().load(paths: [folder.file("single")])
        try #require(
            single.records.count == 1 && single.errors.isEmpty,
            "a folder linked to itself must be read once: \(single.errors.prefix(2))")

        folder.write("loop/one.md", "---\nid: one\ntitle: One\n---\nText.\n")
        folder.write("loop/inner/two.jsonl", #"{"id": "two", "title": "Two", "text": "x"}"# + "\n")
        try link("loop/self", to: ".")
        try link("loop/again", to: folder.file("loop"))
        try link("loop/inner/up", to: "..")
        let result = EvidenceLoader().load(paths: [folder.file("loop")])
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.records.map(\.id).sorted() == ["one", "two"])
        #expect(result.filesRead.count == 2)
        #expect(result.skipped.filter { $0.contains("already read") }.count == 3, "\(result.skipped)")
    }

    @Test(.timeLimit(.minutes(1)))
    func aLinkToAFileAlreadyReadIsSkippedNotADuplicate() throws {
        folder.write("files/one.md", "---\nid: one\ntitle: One\n---\nText.\n")
        try link("files/same.md", to: "one.md")
        let result = EvidenceLoader().load(paths: [folder.file("files"), folder.file("files")])
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.records.map(\.id) == ["one"])
    }
}
