import Foundation
import Analysis
import Ingest
import WebFrontEnd

/// One libFuzzer harness for every parser that takes outside input. The first byte chooses the target:
/// the Markdown, JSON Lines, CSV and RIS readers (the rest written as a file and imported), the analyzer
/// (the rest as text), or the web API's search-request decoder (the rest as a request body). Any outcome
/// but a crash or a hang is fine.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Data(bytes: start, count: count)
    guard let selector = bytes.first else { return 0 }
    let input = bytes.dropFirst()
    switch selector % 6 {
    case 0, 1, 2, 3:
        let formats = ["md", "jsonl", "csv", "ris"]
        let path = NSTemporaryDirectory() + "fuzz-\(getpid()).\(formats[Int(selector % 6)])"
        FileManager.default.createFile(atPath: path, contents: input)
        _ = EvidenceLoader().load(paths: [path])
    case 4:
        _ = Analyzer.standard.analyze(String(decoding: input, as: UTF8.self))
    default:
        try? SearchRequestDecoder.validate(Data(input))
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafeRawPointer, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's entry point under this name; hand control to libFuzzer's driver.
@_cdecl("FuzzInputs_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { start, size in fuzzOneInput(start, size) }
}
