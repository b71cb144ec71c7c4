internal import Foundation

/// Where the evidence database lives when `--database` is not given:
/// `$EVIDENCE_DATABASE`, else `$XDG_DATA_HOME/evidence/evidence.sqlite`, else
/// `~/.local/share/evidence/evidence.sqlite`.
public enum DatabaseLocation {
    /// The default for this process's environment.
    public static var defaultPath: String { defaultPath(environment: ProcessInfo.processInfo.environment) }

    public static func defaultPath(environment: [String: String]) -> String {
        if let explicit = environment["EVIDENCE_DATABASE"], !explicit.isEmpty { return explicit }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            dataHome = (home as NSString).appendingPathComponent(".local/share")
        }
        return (dataHome as NSString).appendingPathComponent("evidence/evidence.sqlite")
    }
}
