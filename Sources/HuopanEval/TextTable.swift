/// A table for a terminal: each column as wide as its widest cell plus two spaces, the first
/// column left-aligned and the others right-aligned (numbers line up). Chinese characters
/// count two columns wide, as terminals draw them, so names never run into figures.
public struct TextTable: Sendable {
    public var header: [String]
    public var rows: [[String]] = []

    public init(_ header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    /// Columns a string takes on a terminal.
    public static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { n, u in
            switch u.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
                0x20000...0x3FFFD:
                return n + 2
            default:
                return n + 1
            }
        }
    }

    public func render() -> String {
        let all = [header] + rows
        let columns = all.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in all.map { c < $0.count ? Self.width($0[c]) : 0 }.max() ?? 0 }
        return all.map { row in
            (0..<columns).map { c -> String in
                let cell = c < row.count ? row[c] : ""
                let fill = String(repeating: " ", count: widths[c] - Self.width(cell))
                return c == 0 ? cell + fill : "  " + fill + cell
            }.joined().trimmingTrailingSpaces() + "\n"
        }.joined()
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
