/// One problem found while reading evidence files: where (file, line, field) and what, in plain words.
public struct IngestDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        /// The record (or file) cannot be imported as it stands.
        case error
        /// The record imports, with a stated default or with something left out.
        case warning
    }

    public var severity: Severity
    public var file: String
    /// 1-based line in the file, when the problem has one.
    public var line: Int?
    /// The record field concerned, when there is one.
    public var field: String?
    public var message: String

    public init(_ severity: Severity, file: String, line: Int? = nil, field: String? = nil, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `file:line: error: field 'year': 3011 is not a possible year …`
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": \(severity.rawValue): "
        if let field { text += "field '\(field)': " }
        return text + message
    }
}

/// The error every reader throws for a problem that stops a whole file from being read.
struct FileProblem: Error {
    var line: Int?
    var field: String?
    var message: String

    init(line: Int? = nil, field: String? = nil, _ message: String) {
        self.line = line
        self.field = field
        self.message = message
    }
}
