internal import Foundation
#if canImport(Glibc)
    internal import Glibc
#endif

/// A minimal HTTP/1.1 client for 127.0.0.1 only, for tests that talk to `evidence serve` as a browser
/// would, without any library that might keep a copy of what was sent.
public enum LoopbackHTTP {
    public struct Reply: Sendable {
        public var status: Int
        public var headers: String
        public var body: String
    }

    /// Sends one request and reads the reply until the server closes the connection; nil when nothing listens.
    public static func request(
        port: Int, method: String = "GET", path: String, headers: [String: String] = [:], body: String = ""
    ) -> Reply? {
        guard let descriptor = connectToLoopback(port: port) else { return nil }
        defer { close(descriptor) }
        var head =
            "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let message = Array((head + "\r\n" + body).utf8)
        var sent = 0
        while sent < message.count {
            let count = message[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            sent += count
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        let text = String(decoding: received, as: UTF8.self)
        guard let statusLine = text.split(separator: "\r\n", maxSplits: 1).first,
            let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        let parts = text.components(separatedBy: "\r\n\r\n")
        return Reply(status: status, headers: parts.first ?? "", body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    /// Opens a connection, sends `partial` (an unfinished request) and then nothing: true when the
    /// server closes the connection within `seconds`, as it should with a stalled client.
    public static func stalledConnectionIsClosed(port: Int, partial: String, within seconds: Int) -> Bool {
        guard let descriptor = connectToLoopback(port: port) else { return false }
        defer { close(descriptor) }
        let bytes = Array(partial.utf8)
        _ = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { return true }  // closed by the server
            if count < 0 { return errno != EAGAIN && errno != EWOULDBLOCK }  // timed out: still open
        }
    }

    /// Sends `rawRequest` to 127.0.0.1:`port` byte for byte (so a test can send any `Host` header) and
    /// returns the status code of the reply, or nil when nothing answers.
    public static func status(port: Int, rawRequest: String) -> Int? {
        guard let descriptor = connectToLoopback(port: port) else { return nil }
        defer { close(descriptor) }
        let bytes = Array(rawRequest.utf8)
        guard bytes.withUnsafeBytes({ send(descriptor, $0.baseAddress, $0.count, 0) }) == bytes.count else { return nil }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        let statusLine = String(decoding: received, as: UTF8.self).split(separator: "\r\n").first ?? ""
        return Int(statusLine.split(separator: " ").dropFirst().first ?? "")
    }

    /// A connected TCP socket to 127.0.0.1:`port`, or nil. The caller closes it.
    private static func connectToLoopback(port: Int) -> Int32? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { close(descriptor); return nil }
        return descriptor
    }

    /// Waits until something answers on the port (at most `seconds`).
    public static func waitForServer(port: Int, seconds: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if request(port: port, path: "/api/health") != nil { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }
}
