public import Foundation

/// The folder that holds the all-MiniLM-L6-v2 files, and where that folder was chosen from.
///
/// Resolution order (the same as `scripts/fetch_model.sh`), the first that is set and non-empty:
/// 1. an explicit path given by the caller;
/// 2. `$EVIDENCE_MODEL`;
/// 3. `$XDG_CACHE_HOME/evidence/models/all-MiniLM-L6-v2` (only an absolute `XDG_CACHE_HOME` counts,
///    as the XDG specification says);
/// 4. `~/.cache/evidence/models/all-MiniLM-L6-v2`.
///
/// Resolving only computes a path; ``requirePresent()`` checks the files exist. O(1) file-system
/// look-ups.
public struct ModelLocation: Sendable, Equatable, CustomStringConvertible {
    /// Which rule of the resolution order chose the folder.
    public enum Source: String, Sendable, Equatable {
        case explicit
        case environment = "EVIDENCE_MODEL"
        case xdgCache = "XDG_CACHE_HOME"
        case home = "home directory"
    }

    /// The name of the model's folder inside the cache.
    public static let folderName = "all-MiniLM-L6-v2"
    /// The files the encoder reads; the fetch script places them flat in the folder.
    public static let requiredFiles = ["config.json", "tokenizer.json", "model.safetensors"]

    /// The model folder.
    public let directory: URL
    /// The rule that chose ``directory``.
    public let source: Source

    /// A location given explicitly by the caller.
    public init(directory: URL) {
        self.init(directory: directory, source: .explicit)
    }

    private init(directory: URL, source: Source) {
        self.directory = directory.standardizedFileURL
        self.source = source
    }

    /// Resolves the folder by the order above. `environment` defaults to the process environment;
    /// tests pass their own.
    public static func resolve(
        explicit: URL? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ModelLocation {
        if let explicit {
            return ModelLocation(directory: explicit, source: .explicit)
        }
        if let path = environment["EVIDENCE_MODEL"], !path.isEmpty {
            return ModelLocation(directory: URL(fileURLWithPath: path, isDirectory: true), source: .environment)
        }
        let subpath = "evidence/models/\(folderName)"
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            return ModelLocation(
                directory: URL(fileURLWithPath: cache, isDirectory: true).appendingPathComponent(subpath),
                source: .xdgCache)
        }
        let home =
            environment["HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return ModelLocation(directory: home.appendingPathComponent(".cache/\(subpath)"), source: .home)
    }

    /// The URL of one of the model's files.
    public func file(_ name: String) -> URL {
        directory.appendingPathComponent(name)
    }

    /// The entries of ``requiredFiles`` that are not regular files in the folder.
    public var missingFiles: [String] {
        Self.requiredFiles.filter { name in
            var isDirectory: ObjCBool = false
            return !FileManager.default.fileExists(atPath: file(name).path, isDirectory: &isDirectory)
                || isDirectory.boolValue
        }
    }

    /// Whether every required file is present (not whether it is sound: loading checks that).
    public var isPresent: Bool { missingFiles.isEmpty }

    /// Throws ``EmbeddingError/modelNotFound(directory:missingFiles:)`` ("… run `make model`") unless
    /// every required file is present.
    public func requirePresent() throws {
        let missing = missingFiles
        guard missing.isEmpty else {
            throw EmbeddingError.modelNotFound(directory: directory.path, missingFiles: missing)
        }
    }

    public var description: String { "\(directory.path) (from \(source.rawValue))" }
}
