import Foundation
import Testing
import Analysis
import EvidenceTestSupport
import Ingest
import WebFrontEnd

/// The fuzz harness's seeds and every input that ever broke something (`Fuzz/regressions/`), fed
/// through the same targets as `make fuzz`: the four readers, the analyzer and the API's request decoder.
@Suite struct FuzzRegressionTests {
    static func inputs() throws -> [String] {
        try ["Fuzz/seeds", "Fuzz/regressions"].flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: Repository.path(folder))
                .filter { $0 != "README.md" }
                .map { Repository.path("\(folder)/\($0)") }
        }
    }

    @Test func everySeedAndRegressionRunsCleanly() throws {
        let temporary = TemporaryDirectory()
        let paths = try Self.inputs()
        #expect(paths.count >= 6)
        for path in paths {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let selector = bytes.first else { continue }
            let input = bytes.dropFirst()
            switch selector % 6 {
            case 0, 1, 2, 3:
                let format = ["md", "jsonl", "csv", "ris"][Int(selector % 6)]
                let file = temporary.write("input.\(format)", Data(input))
                let loaded = EvidenceLoader().load(paths: [file])
                if path.contains("/seeds/") {
                    #expect(!loaded.hasErrors && !loaded.records.isEmpty, "seed \(path) should import")
                }
            case 4:
                #expect(
                    !Analyzer.standard.analyze(String(decoding: input, as: UTF8.self)).isEmpty
                        || !path.contains("/seeds/"))
            default:
                if path.contains("/seeds/") {
                    #expect(throws: Never.self) { try SearchRequestDecoder.validate(Data(input)) }
                } else {
                    try? SearchRequestDecoder.validate(Data(input))
                }
            }
        }
    }
}
