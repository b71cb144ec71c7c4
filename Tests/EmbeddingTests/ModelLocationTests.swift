import Foundation
import Testing
@testable import Embedding

/// Where the model folder is looked for, in order.
struct ModelLocationTests {
    @Test("an explicit folder wins over the environment")
    func explicitFirst() {
        let location = ModelLocation.resolve(
            explicit: URL(fileURLWithPath: "/opt/model"), environment: ["EVIDENCE_MODEL": "/env/model"])
        #expect(location.directory.path == "/opt/model" && location.source == .explicit)
    }

    @Test("then EVIDENCE_MODEL, if not empty")
    func environmentVariable() {
        let location = ModelLocation.resolve(environment: ["EVIDENCE_MODEL": "/env/model", "XDG_CACHE_HOME": "/xdg"])
        #expect(location.directory.path == "/env/model" && location.source == .environment)
        #expect(
            ModelLocation.resolve(environment: ["EVIDENCE_MODEL": "", "XDG_CACHE_HOME": "/xdg"]).source == .xdgCache)
    }

    @Test("then an absolute XDG_CACHE_HOME, then ~/.cache")
    func cacheFolders() {
        let xdg = ModelLocation.resolve(environment: ["XDG_CACHE_HOME": "/xdg", "HOME": "/home/me"])
        #expect(xdg.directory.path == "/xdg/evidence/models/all-MiniLM-L6-v2" && xdg.source == .xdgCache)
        let home = ModelLocation.resolve(environment: ["XDG_CACHE_HOME": "relative/cache", "HOME": "/home/me"])
        #expect(home.directory.path == "/home/me/.cache/evidence/models/all-MiniLM-L6-v2" && home.source == .home)
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
