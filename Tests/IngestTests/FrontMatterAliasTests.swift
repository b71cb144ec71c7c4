import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
@testable import Ingest

/// YAML anchors and aliases in front matter are refused before Yams sees the text: a billion-laughs
/// record of a few hundred bytes would otherwise grow to gigabytes when its values are converted.
@Suite struct FrontMatterAliasTests {
    let folder = TemporaryDirectory()

    func load(_ name: String, _ text: String) -> EvidenceLoader.Result {
        EvidenceLoader().load(paths: [folder.write(name, text)])
    }

    /// Front matter whose field `x0` holds nine texts and each later field nine aliases of the one
    /// before: `depth` levels expand to 9^depth texts. None of these fields is one we read.
    static func bomb(depth: Int) -> String {
        var lines = [
            "---", "id: laughs", "title: Laughs", #"x0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#,
        ]
        for level in 1..<depth {
            lines.append(
                "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]")
        }
        return (lines + ["---", "Text.", ""]).joined(separator: "\n")
    }

    @Test func anAnchorAndAnAliasAreRefusedNamingFileLineAndField() throws {
        let result = load("alias.md", "---\nid: alias\ntitle: Alias\ntopics: &t [neglect]\nageGroups: *t\n---\nText.\n")
        #expect(result.records.isEmpty)
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1, "\(result.errors)")
        #expect(error.file.hasSuffix("alias.md"))
        #expect(error.line == 4)
        #expect(error.field == "topics")
        #expect(error.message.contains("anchor '&t'"), "\(error.message)")
    }

    @Test func anAliasUsedAsAKeyIsRefused() throws {
        let result = load("key.md", "---\nid: key\ntitle: Key\nx: &k big\n? *k\n: value\n---\nText.\n")
        #expect(result.records.isEmpty)
        #expect(result.errors.first?.line == 4)
    }

    @Test(.timeLimit(.minutes(1)))
    func aNineDeepAliasBombIsRefusedBeforeAnyConversion() throws {
        // A small bomb first, so that without the guard this test fails at once rather than filling memory.
        let small = load("small.md", Self.bomb(depth: 2))
        try #require(small.records.isEmpty && small.errors.first?.line == 4, "anchors must be refused: \(small.errors)")

        let text = Self.bomb(depth: 9)
        #expect(text.utf8.count < 512, "a few hundred bytes")
        let result = load("bomb.md", text)
        #expect(result.records.isEmpty)
        #expect(result.errors.count == 1)
        let error = try #require(result.errors.first)
        #expect(error.description.contains("bomb.md:4: error: field 'x0': "), "\(error)")
        #expect(error.message.contains("anchors"))
    }

    @Test func deeplyNestedFlowListsAreRefused() throws {
        let nested = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        let result = load("deep.md", "---\nid: deep\ntitle: Deep\nx: \(nested)\n---\nText.\n")
        #expect(result.records.isEmpty)
        #expect(result.errors.first?.line == 4)
        #expect(result.errors.first?.message.contains("nested more than") == true, "\(result.errors)")
    }

    /// Ampersands and asterisks in text are not anchors: in plain and quoted values, in lists, in block
    /// scalars, in comments and on the continuation lines of a long value.
    @Test func ampersandsAndAsterisksInTextStillRead() throws {
        let text = """
            ---
            id: text-with-marks
            title: Smith & Jones *et al* on p<.05*
            publisher: "&quoted *publisher"
            authors: ['&single', "*double", Plain & Simple]
            caveats:
              - A & B
              - a long caveat that goes on
                &continues *here
            checking: |
              *emphasis* in a block
              & an ampersand at the start
            # a comment with &anchor and *alias
            country: UK # trailing &comment
            ---
            Text.
            """
        let result = load("marks.md", text + "\n")
        #expect(result.errors.isEmpty, "\(result.errors)")
        let record = try #require(result.records.first)
        #expect(record.title == "Smith & Jones *et al* on p<.05*")
        #expect(record.publisher == "&quoted *publisher")
        #expect(record.authors == ["&single", "*double", "Plain & Simple"])
        #expect(record.caveats == ["A & B", "a long caveat that goes on &continues *here"])
        #expect(record.checking == ["*emphasis* in a block\n& an ampersand at the start"])
        #expect(record.country == "UK")
    }

    @Test func theBundledCorpusHasNoAnchors() {
        let corpus = EvidenceLoader().load(paths: [Repository.evidenceFolder])
        #expect(!corpus.hasErrors, "\(corpus.errors.prefix(3))")
    }
}
