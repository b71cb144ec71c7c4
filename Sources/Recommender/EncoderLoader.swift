internal import Foundation
public import Embedding

/// The sentence encoder, loaded on first need and kept: a search loads it only when the index holds
/// passage vectors, so a database without them never pays for the model. When the model is missing or
/// damaged, `status` says so in plain words and searches go on without the encoder.
public final class EncoderLoader: @unchecked Sendable {
    /// Where the model is looked for; nil when the encoder is turned off on purpose (`turnedOff` says why).
    private let location: ModelLocation?
    private let turnedOff: String
    private let lock = NSLock()
    private var loaded: Result<SentenceEncoder, any Error>?

    /// Loads from `location` (by default `$EVIDENCE_MODEL`, else the cache folder `make model` fills),
    /// unless `$EVIDENCE_ENCODER` is `off` (as `make test` sets it for the command-line tests, which would
    /// otherwise encode whole corpora in a debug build).
    /// `environment` defaults to the process's own.
    public init(location: ModelLocation = .resolve(), environment: [String: String]? = nil) {
        let switchValue = (environment ?? ProcessInfo.processInfo.environment)["EVIDENCE_ENCODER"]
        self.location = switchValue?.lowercased() == "off" ? nil : location
        turnedOff = "turned off by EVIDENCE_ENCODER=off"
    }

    private init(turnedOff reason: String) {
        location = nil
        turnedOff = reason
    }

    /// A loader that never loads: the engine runs on its lexical and LSA sides only.
    public static var disabled: EncoderLoader { EncoderLoader(turnedOff: "not used here") }

    /// The encoder, or nil when the model cannot be loaded. The first call costs the load (a fraction of a second).
    public var encoder: SentenceEncoder? {
        lock.lock()
        defer { lock.unlock() }
        guard let location else { return nil }
        if loaded == nil { loaded = Result { try SentenceEncoder(location: location) } }
        return try? loaded?.get()
    }

    /// Whether the model's files are where the loader looks (without loading it).
    public var isPresent: Bool { location?.isPresent ?? false }

    /// In plain words: where the model is, or why it cannot be used.
    public var status: String {
        guard let location else { return "sentence encoder \(turnedOff)" }
        guard location.isPresent else {
            return
                "sentence encoder not installed (\(location.directory.path) lacks \(location.missingFiles.joined(separator: ", "))); run `make model`"
        }
        lock.lock()
        defer { lock.unlock() }
        if case .failure(let error)? = loaded { return "sentence encoder unusable: \(error)" }
        return "sentence encoder \(ModelLocation.folderName) at \(location.directory.path)"
    }
}
