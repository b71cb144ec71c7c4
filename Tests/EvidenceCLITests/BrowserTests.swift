import Foundation
import Testing
import EvidenceTestSupport

/// A real browser (headless Chromium driven by Selenium, from Debian's packages) against `evidence serve`
/// on 127.0.0.1: it types a case description, submits, and the test checks what a practitioner would see.
@Suite struct BrowserTests {
    let folder = TemporaryDirectory()

    @Test func aPractitionerSearchesFromTheBrowser() throws {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver", "/usr/bin/python3"] {
            try #require(
                FileManager.default.isExecutableFile(atPath: tool),
                "\(tool) is missing: `make test` installs chromium, chromium-driver and python3-selenium")
        }
        let database = folder.file("browser.sqlite")
        #expect(try CommandRunner.run(["import", Repository.evidenceFolder], database: database).status == 0)
        #expect(try CommandRunner.run(["index", "build"], database: database).status == 0)

        let port = 18_000 + Int(getpid() % 2_000)
        let server = try CommandRunner.startServer(database: database, port: port)
        defer { server.terminate(); server.waitUntilExit() }
        try #require(LoopbackHTTP.waitForServer(port: port), "the server did not start listening on port \(port)")

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
        for kind in ["Research", "Practice learning", "Lived experience"] {
            #expect(groups.contains(kind), "\(kind) in \(groups)")
        }
        let titles = seen["titles"] as? [String] ?? []
        #expect(titles.count >= 10)
        #expect(titles.contains { $0.contains("FDAC") || $0.contains("Family Drug and Alcohol Court") }, "\(titles)")
        #expect(seen["focused"] as? String == "results-heading", "focus moves to the results")
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.count > 10_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }
}
