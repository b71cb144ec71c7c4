import Foundation
import Testing
import EvidenceTestSupport

/// A real browser (headless Chromium driven by Selenium, from Debian's packages) against `evidence serve`
/// on 127.0.0.1: it types a case description, submits, and the test checks what a practitioner would see.
@Suite struct BrowserTests {
    let folder = TemporaryDirectory()

    @Test func aPractitionerSearchesFromTheBrowser() throws {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver", "/usr/bin/python3"] {
            try #require(FileManager.default.isExecutableFile(atPath: tool), "\(tool) is missing: `make test` installs chromium, chromium-driver and python3-selenium")
        }
        let database = folder.file("browser.sqlite")
        #expect(try CommandRunner.run(["import", Repository.evidenceFolder], database: database).status == 0)
        #expect(try CommandRunner.run(["index", "build"], database: database).status == 0)

        let port = 18_000 + Int(getpid() % 2_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        server.arguments = ["serve", "--database", database, "--port", String(port)]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        try Self.waitForPort(port)

        let screenshot = folder.file("search.png")
        let browser = Process()
        browser.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        browser.arguments = [Repository.path("Tests/Browser/search_page.py"), "http://127.0.0.1:\(port)/", screenshot]
        let output = Pipe(), errors = Pipe()
        browser.standardOutput = output
        browser.standardError = errors
        try browser.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        browser.waitUntilExit()
        try #require(browser.terminationStatus == 0, "the browser script failed: \(errorText)")

        let seen = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(seen["label"] as? String == "Describe the case in your own words")
        let groups = (seen["groups"] as? [String] ?? []).joined(separator: " | ")
        for kind in ["Research", "Practice learning", "Lived experience"] { #expect(groups.contains(kind), "\(kind) in \(groups)") }
        let titles = seen["titles"] as? [String] ?? []
        #expect(titles.count >= 10)
        #expect(titles.contains { $0.contains("FDAC") || $0.contains("Family Drug and Alcohol Court") }, "\(titles)")
        #expect(seen["focused"] as? String == "results-heading", "focus moves to the results")
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.count > 10_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    static func waitForPort(_ port: Int) throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let socket = LoopbackProbe()
            if socket.connect(port: port) { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("the server did not start listening on port \(port)")
    }
}

/// A one-shot TCP connection attempt to 127.0.0.1, to know when the server is up.
struct LoopbackProbe {
    func connect(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
