internal import Foundation

/// RFC 4180 CSV: fields separated by commas, records by line breaks (`\n` or `\r\n`); a field in double
/// quotes may hold commas, line breaks and doubled quotes (`""` for `"`).
///
/// Parsing keeps the line each record starts on, for messages. Complexity: O(text length).
struct CSVTable {
    struct Row {
        var line: Int
        var cells: [String]
    }

    var rows: [Row]

    /// Splits the text into rows of cells. A quote that is never closed is an error naming the line
    /// where the quoted field opened; a stray quote inside an unquoted field is an error too.
    static func parse(_ text: String) throws(FileProblem) -> CSVTable {
        var rows: [Row] = []
        var cells: [String] = []
        var cell = String.UnicodeScalarView()
        var line = 1
        var rowLine = 1
        var quoteLine = 0
        var inQuotes = false
        var cellStarted = false  // anything seen in this cell (so `a,` ends with an empty last cell)
        var afterClosingQuote = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endCell() {
            cells.append(String(cell))
            cell = String.UnicodeScalarView()
            cellStarted = false
            afterClosingQuote = false
        }
        func endRow() {
            endCell()
            if !(cells.count == 1 && cells[0].isEmpty) { rows.append(Row(line: rowLine, cells: cells)) }
            cells = []
        }

        while let scalar = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        cell.append("\"")
                    } else {
                        inQuotes = false; afterClosingQuote = true; pending = next
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    cell.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                endCell()
                cellStarted = true
            case "\r":
                let next = iterator.next()
                if next != "\n" { pending = next }
                fallthrough
            case "\n":
                endRow()
                line += 1
                rowLine = line
            case "\"":
                guard !cellStarted || (cell.isEmpty && !afterClosingQuote) else {
                    throw FileProblem(
                        line: line,
                        "a double quote inside an unquoted field; put the whole field in double quotes and double the quote (\"\")"
                    )
                }
                inQuotes = true
                quoteLine = line
                cellStarted = true
            default:
                if afterClosingQuote {
                    throw FileProblem(
                        line: line,
                        "text after a closing double quote; a quote inside a quoted field is written twice (\"\")")
                }
                cell.append(scalar)
                cellStarted = true
            }
        }
        if inQuotes {
            throw FileProblem(
                line: quoteLine,
                "a double quote opened on this line is never closed, so the rest of the file would be one field")
        }
        if cellStarted || !cell.isEmpty || !cells.isEmpty { endRow() }
        return CSVTable(rows: rows)
    }

    /// One cell as CSV text, quoted only when it must be.
    static func quoted(_ cell: String) -> String {
        guard
            cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || cell.hasPrefix(" ")
                || cell.hasSuffix(" ")
        else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
