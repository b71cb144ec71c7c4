internal import Foundation

/// Paths inside this repository, found from this source file's location, so tests run from any folder.
public enum Repository {
    /// The repository's top folder (the one holding Package.swift).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.path
            }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    public static func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }

    /// The bundled corpus's records folder.
    public static var evidenceFolder: String { path("Corpus/evidence") }
}
