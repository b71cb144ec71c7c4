/// What a reader yields for each record it finds, in file order.
enum ReaderOutput: Sendable {
    /// A record's fields, still to be checked by `RecordBuilder`, with the id to use if it names none.
    case record(RawRecord, fallbackID: RecordBuilder.FallbackID? = nil)
    /// A part of the file that could not be read as a record.
    case problem(FileProblem)
    /// Something worth telling that does not stop the import (e.g. a RIS record without a type).
    case warning(FileProblem)
}

/// Reads one file format into raw records. Readers never throw: every problem becomes an output, so an
/// import can list all of them, not only the first.
protocol RecordReader {
    func read(_ file: TextFile, path: String) -> [ReaderOutput]
}
