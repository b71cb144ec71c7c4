internal import Foundation

/// A log-log line chart drawn as SVG, with no dependencies.
///
/// Both axes are logarithmic and span whole decades, from 10^⌊log10 min⌋ to 10^⌈log10 max⌉ over all
/// finite positive points of all series (1 to 10 when there are none). A point maps to pixels by
///
///     px = left   + (log10 x − log10 xmin) / (log10 xmax − log10 xmin) · plotWidth
///     py = bottom − (log10 y − log10 ymin) / (log10 ymax − log10 ymin) · plotHeight
///
/// Points with a non-positive or non-finite coordinate are skipped; a series left with none appears in
/// the legend only. Each series gets its own Okabe–Ito colour and dash pattern, so lines stay apart for
/// colour-blind readers and in greyscale. The output is deterministic: the same chart gives the same
/// bytes, with coordinates written to one decimal.
struct LogLogChart {
    struct Series { var name: String; var points: [(x: Double, y: Double)] }
    var title: String
    var xLabel: String
    var yLabel: String
    var series: [Series]

    /// Okabe–Ito colours (yellow last, as it is faint on white) and dash patterns, cycled per series.
    private static let colours = [
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442",
    ]
    private static let dashes = ["", "7 3", "2 3", "9 3 2 3", "4 4", "1 2", "12 4", "5 2 1 2"]

    /// The chart alone, `width` × `height` pixels, as an <svg> element string.
    func svg(width: Int = 520, height: Int = 380) -> String {
        render(width: width, height: height, originX: nil)
    }

    /// Several charts side by side in one SVG document (with XML declaration), each width × height.
    static func document(_ charts: [LogLogChart], width: Int = 520, height: Int = 380) -> String {
        let total = width * max(charts.count, 1)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out +=
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(total)\" height=\"\(height)\" viewBox=\"0 0 \(total) \(height)\">\n"
        for (index, chart) in charts.enumerated() {
            out += chart.render(width: width, height: height, originX: index * width)
        }
        return out + "</svg>\n"
    }

    /// Draws the chart; `originX` places it inside a document as a nested <svg>.
    private func render(width: Int, height: Int, originX: Int?) -> String {
        let plotted = series.map { s in
            s.points.filter { $0.x.isFinite && $0.y.isFinite && $0.x > 0 && $0.y > 0 }
                .sorted { ($0.x, $0.y) < ($1.x, $1.y) }
        }
        let (x0, x1) = Self.decades(plotted.joined().map(\.x))
        let (y0, y1) = Self.decades(plotted.joined().map(\.y))

        // The legend flows in rows under the x label, so its row count sets the plot's bottom edge.
        let w = Double(width), h = Double(height)
        let left = 66.0, right = w - 18, top = 38.0
        var slots: [(x: Double, row: Int)] = []
        var cursor = left, row = 0
        for s in series {
            let itemWidth = 34 + Double(s.name.count) * 6.4 + 16
            if cursor + itemWidth > right && cursor > left { cursor = left; row += 1 }
            slots.append((cursor, row))
            cursor += itemWidth
        }
        let rows = series.isEmpty ? 0 : row + 1
        let bottom = max(top + 40, h - 50 - Double(rows) * 16)
        let plotWidth = right - left, plotHeight = bottom - top

        /// Position of log10 value `exponent` along an axis spanning decades `lo`...`hi`, from 0 to 1.
        func fraction(_ exponent: Double, _ lo: Int, _ hi: Int) -> Double { (exponent - Double(lo)) / Double(hi - lo) }
        func px(_ x: Double) -> Double { left + fraction(log10(x), x0, x1) * plotWidth }
        func py(_ y: Double) -> Double { bottom - fraction(log10(y), y0, y1) * plotHeight }
        let f = Self.fixed

        let position = originX.map { " x=\"\($0)\" y=\"0\"" } ?? ""
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\"\(position) width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\">\n"
        out += "<rect width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
        out +=
            "<text x=\"\(f(w / 2))\" y=\"24\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\" fill=\"#222\">\(Self.escaped(title))</text>\n"

        // Decade gridlines and labels, then minor ticks at 2…9 when there are few enough decades.
        for e in x0...x1 {
            let x = f(left + fraction(Double(e), x0, x1) * plotWidth)
            out += "<line x1=\"\(x)\" y1=\"\(f(top))\" x2=\"\(x)\" y2=\"\(f(bottom))\" stroke=\"#dddddd\"/>\n"
            out +=
                "<text x=\"\(x)\" y=\"\(f(bottom + 16))\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333\">\(Self.countLabel(e))</text>\n"
        }
        for e in y0...y1 {
            let y = f(bottom - fraction(Double(e), y0, y1) * plotHeight)
            out += "<line x1=\"\(f(left))\" y1=\"\(y)\" x2=\"\(f(right))\" y2=\"\(y)\" stroke=\"#dddddd\"/>\n"
            out +=
                "<text x=\"\(f(left - 6))\" y=\"\(y)\" dy=\"4\" text-anchor=\"end\" font-size=\"11\" fill=\"#333\">\(Self.plainLabel(e))</text>\n"
        }
        if x1 - x0 <= 8 {
            for e in x0..<x1 {
                for m in 2...9 {
                    let x = f(left + fraction(Double(e) + log10(Double(m)), x0, x1) * plotWidth)
                    out +=
                        "<line x1=\"\(x)\" y1=\"\(f(bottom - 4))\" x2=\"\(x)\" y2=\"\(f(bottom))\" stroke=\"#888888\"/>\n"
                }
            }
        }
        if y1 - y0 <= 8 {
            for e in y0..<y1 {
                for m in 2...9 {
                    let y = f(bottom - fraction(Double(e) + log10(Double(m)), y0, y1) * plotHeight)
                    out +=
                        "<line x1=\"\(f(left))\" y1=\"\(y)\" x2=\"\(f(left + 4))\" y2=\"\(y)\" stroke=\"#888888\"/>\n"
                }
            }
        }
        out +=
            "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"none\" stroke=\"#888888\"/>\n"
        out +=
            "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(bottom + 34))\" text-anchor=\"middle\" font-size=\"12\" fill=\"#222\">\(Self.escaped(xLabel))</text>\n"
        out +=
            "<text transform=\"translate(16 \(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#222\">\(Self.escaped(yLabel))</text>\n"

        // One polyline with circle markers per series, and its legend entry.
        for (index, s) in series.enumerated() {
            let colour = Self.colours[index % Self.colours.count]
            let dash = Self.dashes[index % Self.dashes.count]
            let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
            let points = plotted[index]
            if points.count > 1 {
                let list = points.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
                out +=
                    "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dashAttribute)/>\n"
            }
            for p in points {
                out +=
                    "<circle cx=\"\(f(px(p.x)))\" cy=\"\(f(py(p.y)))\" r=\"3.2\" fill=\"\(colour)\" stroke=\"#ffffff\" stroke-width=\"0.8\"/>\n"
            }
            let slot = slots[index]
            let y = bottom + 54 + Double(slot.row) * 16
            out +=
                "<line x1=\"\(f(slot.x))\" y1=\"\(f(y))\" x2=\"\(f(slot.x + 26))\" y2=\"\(f(y))\" stroke=\"\(colour)\" stroke-width=\"2\"\(dashAttribute)/>\n"
            out += "<circle cx=\"\(f(slot.x + 13))\" cy=\"\(f(y))\" r=\"3.2\" fill=\"\(colour)\"/>\n"
            out +=
                "<text x=\"\(f(slot.x + 32))\" y=\"\(f(y + 4))\" font-size=\"11\" fill=\"#222\">\(Self.escaped(s.name))</text>\n"
        }
        return out + "</svg>\n"
    }

    /// The whole decades `lo` < `hi` (as powers of ten) covering `values`, which are finite and positive.
    private static func decades(_ values: [Double]) -> (Int, Int) {
        guard let low = values.min(), let high = values.max() else { return (0, 1) }
        let lo = Int((log10(low) + 1e-9).rounded(.down))
        let hi = Int((log10(high) - 1e-9).rounded(.up))
        return (lo, max(hi, lo + 1))
    }

    /// Label for 10^e on the x axis: 1, 10, 100, 1k, 10k, 100k, 1M, … 100G, then 1e12; 0.1, 0.01 below 1.
    private static func countLabel(_ e: Int) -> String {
        guard e >= 0 else { return plainLabel(e) }
        guard e < 12 else { return "1e\(e)" }
        return "1" + String(repeating: "0", count: e % 3) + ["", "k", "M", "G"][e / 3]
    }

    /// Label for 10^e as a plain number (0.001 … 1000000), or 1e±n beyond that.
    private static func plainLabel(_ e: Int) -> String {
        if e > 6 || e < -6 { return "1e\(e)" }
        return e >= 0 ? "1" + String(repeating: "0", count: e) : "0." + String(repeating: "0", count: -e - 1) + "1"
    }

    /// A coordinate with one decimal, independent of locale.
    private static func fixed(_ value: Double) -> String { String(format: "%.1f", value) }

    /// `text` safe inside XML content and attributes; control characters XML 1.0 forbids become spaces.
    private static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default: if scalar.value < 0x20 { out += " " } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
