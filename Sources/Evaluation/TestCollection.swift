internal import Foundation

/// A retrieval test collection in the shared format: a folder with `docs.jsonl` ({"id", "title",
/// "text"}), `queries.jsonl` ({"id", "text"}) and `qrels.tsv`, optionally `baselines.json` with the
/// peers' scores. The documents are read by the importer; this type holds the queries and judgments.
public struct TestCollection: Sendable {
    public var name: String
    public var documentsPath: String
    public var queries: [(id: String, text: String)]
    /// The judgments; nil when the folder has no `qrels.tsv` (a run can still be written and scored elsewhere).
    public var qrels: Qrels?
    /// nDCG@10 of the peer libraries on this collection, when `baselines.json` says.
    public var peerNDCG: [String: Double]

    public enum LoadError: Error, CustomStringConvertible {
        case missing(String)
        case unreadable(String, String)
        public var description: String {
            switch self {
            case .missing(let path):
                "\(path) is missing (a test collection needs docs.jsonl, queries.jsonl and qrels.tsv)"
            case let .unreadable(path, why): "\(path) cannot be read: \(why)"
            }
        }
    }

    /// Loads the folder; `queriesPath` replaces its queries, `documentsPath` its documents. Only the
    /// queries are required; without `qrels.tsv` nothing can be scored.
    public init(folder: String, queriesPath: String? = nil, documentsPath: String? = nil) throws(LoadError) {
        name = URL(fileURLWithPath: folder).lastPathComponent
        self.documentsPath = documentsPath ?? folder + "/docs.jsonl"
        let queryFile = queriesPath ?? folder + "/queries.jsonl"
        queries = []
        for (number, line) in try Self.text(queryFile).split(separator: "\n").enumerated()
        where !line.allSatisfy(\.isWhitespace) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let id = (object["id"] as? String) ?? (object["id"] as? NSNumber)?.stringValue,
                let text = object["text"] as? String
            else { throw .unreadable(queryFile, "line \(number + 1) is not {\"id\", \"text\"}") }
            queries.append((id, text))
        }
        let qrelsFile = folder + "/qrels.tsv"
        do {
            qrels =
                FileManager.default.fileExists(atPath: qrelsFile) ? try Qrels(parsing: try Self.text(qrelsFile)) : nil
        } catch let error as Qrels.ParseError {
            throw .unreadable(qrelsFile, error.description)
        } catch let error as LoadError { throw error } catch { throw .unreadable(qrelsFile, "\(error)") }
        peerNDCG = Self.peerScores(folder + "/baselines.json")
    }

    private static func text(_ path: String) throws(LoadError) -> String {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path) }
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .unreadable(path, error.localizedDescription)
        }
    }

    /// Reads the `results` list of `baselines.json`: each entry's "peer" name and "nDCG@10".
    private static func peerScores(_ path: String) -> [String: Double] {
        guard let data = FileManager.default.contents(atPath: path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let results = object["results"] as? [[String: Any]]
        else { return [:] }
        var scores: [String: Double] = [:]
        for entry in results {
            if let peer = entry["peer"] as? String, let ndcg = (entry["nDCG@10"] as? NSNumber)?.doubleValue {
                scores[peer] = ndcg
            }
        }
        return scores
    }
}
