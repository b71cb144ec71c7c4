/// The host names a request's `Host` header may give: a defence against DNS rebinding, where a page from
/// another site points its own name at 127.0.0.1 and then reads this server's answers as its own. Such a
/// request names the other site as `Host`, and is refused.
///
/// Accepted: the address the server listens on, `127.0.0.1`, `localhost` and `[::1]`, each with the
/// server's port (no port meaning 80), and the names given with `evidence serve --allow-host NAME`
/// with any port (so that a name used through a proxy on another port still works). Compared ignoring
/// case; IPv6 addresses in brackets.
public struct AllowedHosts: Sendable {
    /// The port the server listens on.
    let port: Int
    /// Names accepted with the server's port only.
    let local: Set<String>
    /// Names accepted with any port.
    let named: Set<String>

    /// The hosts a server listening on `host`:`port` answers to, with the extra `names`.
    public init(listeningOn host: String, port: Int, names: [String] = []) {
        self.port = port
        local = Set(["127.0.0.1", "localhost", "[::1]", Self.normalised(host)])
        named = Set(names.map(Self.normalised))
    }

    /// Lower case, and an IPv6 address in brackets as it appears in a `Host` header.
    static func normalised(_ name: String) -> String {
        let lower = name.lowercased()
        return lower.contains(":") && !lower.hasPrefix("[") ? "[\(lower)]" : lower
    }

    /// What is wrong with `name` as a value of `--allow-host`, in plain words; nil when it is fine.
    public static func problem(withName name: String) -> String? {
        let host = normalised(name)
        let isName =
            !host.isEmpty && !host.hasPrefix(".") && !host.hasPrefix("-")
            && host.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "_"
            }
        let isIPv6 =
            host.count > 2 && host.hasPrefix("[") && host.hasSuffix("]")
            && host.dropFirst().dropLast().unicodeScalars.allSatisfy {
                ("0"..."9").contains($0) || ("a"..."f").contains($0) || $0 == ":" || $0 == "."
            }
            && host.filter({ $0 == ":" }).count >= 2
        if isName || isIPv6 { return nil }
        return
            "--allow-host takes a host name or address as typed in the browser's address bar, without a port or 'http://' "
            + "(such as evidence.lan or 192.168.1.20); '\(name)' is not one"
    }

    /// True when `authority` (the request's `Host`: a name or address, and a port or none) is allowed.
    func permits(_ authority: String?) -> Bool {
        guard let authority, let (host, requestPort) = Self.split(authority.lowercased()) else { return false }
        if named.contains(host) { return true }
        return local.contains(host) && (requestPort ?? 80) == port
    }

    /// "example.org:8080" → ("example.org", 8080); "[::1]" → ("[::1]", nil); nil when it is neither.
    static func split(_ authority: String) -> (host: String, port: Int?)? {
        let host: Substring, rest: Substring
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[...close]
            rest = authority[authority.index(after: close)...]
        } else if let colon = authority.firstIndex(of: ":") {
            host = authority[..<colon]
            rest = authority[colon...]
        } else {
            host = authority[...]
            rest = ""
        }
        guard !host.isEmpty, !host.contains(where: { $0 == "@" || $0 == "/" || $0 == "\\" || $0.isWhitespace }) else {
            return nil
        }
        if rest.isEmpty { return (String(host), nil) }
        let digits = rest.dropFirst()
        guard rest.hasPrefix(":"), (1...5).contains(digits.count), digits.allSatisfy({ ("0"..."9").contains($0) }),
            let port = Int(digits), (1...65535).contains(port)
        else { return nil }
        return (String(host), port)
    }
}
