import Foundation
import Testing
@testable import Embedding

/// Where the model folder is looked for, in order. The folders are made-up names under this machine's
/// temporary folder: resolving only builds paths, it never looks at them.
struct ModelLocationTests {
    static let root = FileManager.default.temporaryDirectory.appendingPathComponent("model-location-test").path
    static let explicit = root + "/explicit/model", fromEnvironment = root + "/env/model"
    static let xdg = root + "/xdg", home = root + "/home"

    @Test("an explicit folder wins over the environment")
    func explicitFirst() {
        let location = ModelLocation.resolve(
            explicit: URL(fileURLWithPath: Self.explicit), environment: ["EVIDENCE_MODEL": Self.fromEnvironment])
        #expect(location.directory.path == Self.explicit && location.source == .explicit)
    }

    @Test("then EVIDENCE_MODEL, if not empty")
    func environmentVariable() {
        let location = ModelLocation.resolve(environment: [
            "EVIDENCE_MODEL": Self.fromEnvironment, "XDG_CACHE_HOME": Self.xdg,
        ])
        #expect(location.directory.path == Self.fromEnvironment && location.source == .environment)
        #expect(
            ModelLocation.resolve(environment: ["EVIDENCE_MODEL": "", "XDG_CACHE_HOME": Self.xdg]).source == .xdgCache)
    }

    @Test("then an absolute XDG_CACHE_HOME, then ~/.cache")
    func cacheFolders() {
        let xdg = ModelLocation.resolve(environment: ["XDG_CACHE_HOME": Self.xdg, "HOME": Self.home])
        #expect(xdg.directory.path == Self.xdg + "/evidence/models/all-MiniLM-L6-v2" && xdg.source == .xdgCache)
        let home = ModelLocation.resolve(environment: ["XDG_CACHE_HOME": "relative/cache", "HOME": Self.home])
        #expect(home.directory.path == Self.home + "/.cache/evidence/models/all-MiniLM-L6-v2" && home.source == .home)
    }

    @Test("missing files are listed and reported with the make target")
    func missingFiles() throws {
        let directory = try TestModelDirectory(withTextFiles: true)
        let location = ModelLocation(directory: directory.url)
        #expect(location.missingFiles == ["model.safetensors"])
        #expect(!location.isPresent)
        let error = try #require(throws: EmbeddingError.self) { try location.requirePresent() }
        #expect(
            error.description
                == "model not found at \(location.directory.path) (missing model.safetensors); run `make model`")
    }
}
