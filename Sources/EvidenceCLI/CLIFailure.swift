internal import ArgumentParser
internal import Foundation
internal import Store
internal import Indexing
internal import Recommender

/// An error on its way to the user: a plain message on standard error and an exit status.
struct CLIFailure: Error, CustomStringConvertible {
    /// Exit statuses, listed in `evidence --help`.
    enum Status: Int32 {
        case invalidInput = 1
        case database = 3
        case notFound = 4
        case index = 5
    }

    var message: String
    var status: Status

    init(_ message: String, status: Status) {
        self.message = message
        self.status = status
    }

    init(_ error: StoreError) {
        if case .noSuchRecord = error {
            self.init(error.description, status: .notFound)
        } else {
            self.init(error.description, status: .database)
        }
    }

    init(_ error: RecommenderError) {
        switch error {
        case .invalidRequest(let detail): self.init(detail, status: .invalidInput)
        case .indexNotReady(let detail): self.init(detail, status: .index)
        case .notFound(let detail): self.init(detail, status: .notFound)
        case .storage(let detail): self.init(detail, status: .database)
        }
    }

    var description: String { message }
}

extension ParsableCommand {
    /// Runs `body`, turning a `CLIFailure` into its message on standard error and its exit status.
    func reportingFailures(_ body: () throws -> Void) throws {
        do { try body() } catch let failure as CLIFailure {
            Terminal.standardError("evidence: error: \(failure.message)\n")
            throw ExitCode(failure.status.rawValue)
        } catch let error as IndexError {
            Terminal.standardError("evidence: error: \(error.description)\n")
            throw ExitCode(CLIFailure.Status.index.rawValue)
        } catch let error as StoreError {
            let failure = CLIFailure(error)
            Terminal.standardError("evidence: error: \(failure.message)\n")
            throw ExitCode(failure.status.rawValue)
        } catch let error as RecommenderError {
            let failure = CLIFailure(error)
            Terminal.standardError("evidence: error: \(failure.message)\n")
            throw ExitCode(failure.status.rawValue)
        }
    }
}
