/// The Snowball English stemmer ("Porter2"): the current algorithm as published at snowballstem.org,
/// checked line for line against the `english` vocabulary of snowballstem/snowball-data.
///
/// In order (a word of one or two letters, or an exceptional form, skips everything):
/// 1. Exceptional forms with a fixed stem: `skis` `skies` `idly` `gently` `ugly` `early` `only` `singly`
///    (→ `ski` `sky` `idl` `gentl` `ugli` `earli` `onli` `singl`); kept as they are: `sky` `news` `howe`
///    `atlas` `cosmos` `bias` `andes`.
/// 2. Prelude: drop a leading apostrophe; mark an initial `y`, and a `y` after a vowel, as a consonant `Y`.
/// 3. Regions: R1 is what follows the first non-vowel after a vowel, or what follows the prefix `gener`,
///    `commun`, `arsen`, `past`, `univers`, `later`, `emerg`, `organ` or `inter`; R2 is the same inside R1.
/// 4. Step 1a: possessives (`'s'`, `'s`, `'`), then plurals (`sses`, `ied`, `ies`, `s`). The forms
///    `inning` `outing` `canning` `herring` `earring` `evening` `proceed` `exceed` `succeed` stop here.
/// 5. Step 1b: `eed`, `eedly` in R1; `ed`, `edly`, `ing`, `ingly` after a vowel, then the repairs
///    (`e` added, a double undone; a consonant + `y` + `ing` word gives consonant + `ie`: `dying` → `die`).
///    Step 1c: a final `y` becomes `i` after a non-vowel that is not the first letter.
/// 6. Steps 2 and 3 replace derivational suffixes in R1; step 4 deletes suffixes in R2.
/// 7. Step 5: a final `e` (in R2, or in R1 after no short syllable) or `ll` (in R2) loses a letter.
///    Finally the marked `Y`s become `y` again.
///
/// Each step matches the longest of its suffixes and, if that one's condition fails, does nothing
/// (Snowball's `among`). Vowels are `a e i o u y`. A character outside `a`-`z` and `'` (an upper-case or
/// accented letter, a digit) counts as a non-vowel and the word goes through every step, so `cafés` gives
/// `café`; nothing traps. Complexity: O(word length).
public struct EnglishStemmer: Sendable {
    public init() {}

    /// Stems one lower-case word (a-z, apostrophes allowed, as the reference vocabulary has). Words of
    /// one or two letters come back unchanged. Any other character counts as a non-vowel (see above).
    public func stem(_ word: String) -> String {
        if word.utf8.count <= 6, let exceptional = Self.exceptionalStem(word) { return exceptional }
        var stemmed = StemmedWord(word)
        guard stemmed.length >= 3 else { return word }
        stemmed.stem()
        return stemmed.string
    }

    /// The fixed stem of an exceptional form, or nil.
    private static func exceptionalStem(_ word: String) -> String? {
        switch word {
        case "skis": "ski"
        case "skies": "sky"
        case "idly": "idl"
        case "gently": "gentl"
        case "ugly": "ugli"
        case "early": "earli"
        case "only": "onli"
        case "singly": "singl"
        case "sky", "news", "howe", "atlas", "cosmos", "bias", "andes": word
        default: nil
        }
    }
}

// MARK: - Letters

/// The scalar values of a string.
private func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

/// An ASCII character's scalar value.
private func ascii(_ character: Unicode.Scalar) -> UInt32 { character.value }

/// `y` used as a consonant. Not a Unicode scalar value, so no input character can be mistaken for it.
private let consonantY: UInt32 = 0x11_0000

private func isVowel(_ letter: UInt32) -> Bool {
    switch letter {
    case ascii("a"), ascii("e"), ascii("i"), ascii("o"), ascii("u"), ascii("y"): true
    default: false
    }
}

/// A step's suffixes with their rules, sorted longest first and grouped by last letter, so that the first
/// suffix the word ends with is the longest (Snowball's `among`).
private struct SuffixTable<Rule: Sendable>: Sendable {
    private let suffixes: [[UInt32]]
    private let rules: [Rule]
    /// Indices into `suffixes`, longest first, for a last letter `a`-`z` (0-25) or anything else (26).
    private let byLastLetter: [[Int]]

    init(_ entries: [(String, Rule)]) {
        let sorted = entries.enumerated().sorted { left, right in
            let (l, r) = (left.element.0.unicodeScalars.count, right.element.0.unicodeScalars.count)
            return l != r ? l > r : left.offset < right.offset
        }.map(\.element)
        suffixes = sorted.map { scalars($0.0) }
        rules = sorted.map(\.1)
        var groups = [[Int]](repeating: [], count: 27)
        for (index, suffix) in suffixes.enumerated() { groups[Self.group(suffix.last!)].append(index) }
        byLastLetter = groups
    }

    private static func group(_ letter: UInt32) -> Int {
        letter >= ascii("a") && letter <= ascii("z") ? Int(letter - ascii("a")) : 26
    }

    /// The rule of the longest suffix `letters` ends with, and that suffix's length.
    func longestMatch(in letters: [UInt32]) -> (rule: Rule, length: Int)? {
        guard let last = letters.last else { return nil }
        let n = letters.count
        candidates: for index in byLastLetter[Self.group(last)] {
            let suffix = suffixes[index]
            let m = suffix.count
            if m > n { continue }
            var i = 0
            while i < m {
                if letters[n - m + i] != suffix[i] { continue candidates }
                i += 1
            }
            return (rules[index], m)
        }
        return nil
    }
}

// MARK: - Rules

private enum Step1aRule: Sendable {
    /// `sses` → `ss`.
    case toSS
    /// `ied`, `ies` → `i` after more than one letter, else `ie`.
    case toIOrIE
    /// `us`, `ss`: kept.
    case keep
    /// `s` deleted if a vowel comes before the letter preceding it.
    case deleteS
}

private enum Step1bRule: Sendable {
    /// `eed`, `eedly` → `ee` in R1.
    case eed
    /// `ed`, `edly`, `ingly` deleted after a vowel, then repaired.
    case ending
    /// `ing`: as `ending`, except that a consonant + `y` + `ing` word becomes consonant + `ie` (`dying`).
    case ing
}

/// A rule of steps 2 to 4.
private enum SuffixRule: Sendable {
    case replace([UInt32])
    case delete
    /// `ogi`, `ogist` → `og` after `l`.
    case toOGAfterL
    /// `li` deleted after `c d e g h k m n r t`.
    case deleteAfterValidLI
    /// `ative` deleted if in R2 (step 3 works in R1).
    case deleteInR2
    /// `ion` deleted after `s` or `t`.
    case deleteAfterSOrT

    static func to(_ text: String) -> SuffixRule { .replace(scalars(text)) }
}

/// The suffix tables, with the rules of each step.
private enum Rules {
    static let possessives = SuffixTable([("'s'", ()), ("'s", ()), ("'", ())])

    static let step1a = SuffixTable<Step1aRule>([
        ("sses", .toSS), ("ied", .toIOrIE), ("ies", .toIOrIE), ("us", .keep), ("ss", .keep), ("s", .deleteS),
    ])

    static let stopsAfterStep1a: [[UInt32]] = [
        "inning", "outing", "canning", "herring", "earring", "evening", "proceed", "exceed", "succeed",
    ].map(scalars)

    static let step1b = SuffixTable<Step1bRule>([
        ("eed", .eed), ("eedly", .eed), ("ed", .ending), ("edly", .ending), ("ing", .ing), ("ingly", .ending),
    ])

    /// Endings after which step 1b adds `e`, and the doubles it undoes.
    static let endingsTakingE: [[UInt32]] = ["at", "bl", "iz"].map(scalars)
    static let undoubledLetters: [UInt32] = scalars("bdfgmnprt")
    static let validLIEndings: [UInt32] = scalars("cdeghkmnrt")

    static let regionPrefixes: [[UInt32]] =
        ["gener", "commun", "arsen", "past", "univers", "later", "emerg", "organ", "inter"].map(scalars)

    /// In R1: `tional` → `tion`, `enci` → `ence`, `anci` → `ance`, `abli` → `able`, `entli` → `ent`,
    /// `izer` `ization` → `ize`, `ational` `ation` `ator` → `ate`, `alism` `aliti` `alli` → `al`,
    /// `fulness` → `ful`, `ousli` `ousness` → `ous`, `iveness` `iviti` → `ive`, `biliti` `bli` → `ble`,
    /// `ogi` `ogist` → `og` after `l`, `fulli` → `ful`, `lessli` → `less`, `li` deleted after
    /// `c d e g h k m n r t`.
    static let step2 = SuffixTable<SuffixRule>([
        ("tional", .to("tion")), ("enci", .to("ence")), ("anci", .to("ance")), ("abli", .to("able")),
        ("entli", .to("ent")), ("izer", .to("ize")), ("ization", .to("ize")), ("ational", .to("ate")),
        ("ation", .to("ate")), ("ator", .to("ate")), ("alism", .to("al")), ("aliti", .to("al")),
        ("alli", .to("al")), ("fulness", .to("ful")), ("ousli", .to("ous")), ("ousness", .to("ous")),
        ("iveness", .to("ive")), ("iviti", .to("ive")), ("biliti", .to("ble")), ("bli", .to("ble")),
        ("ogi", .toOGAfterL), ("ogist", .toOGAfterL), ("fulli", .to("ful")), ("lessli", .to("less")),
        ("li", .deleteAfterValidLI),
    ])

    /// In R1: `tional` → `tion`, `ational` → `ate`, `alize` → `al`, `icate` `iciti` `ical` → `ic`,
    /// `ful` `ness` deleted, `ative` deleted if also in R2.
    static let step3 = SuffixTable<SuffixRule>([
        ("tional", .to("tion")), ("ational", .to("ate")), ("alize", .to("al")), ("icate", .to("ic")),
        ("iciti", .to("ic")), ("ical", .to("ic")), ("ful", .delete), ("ness", .delete), ("ative", .deleteInR2),
    ])

    /// In R2: `al ance ence er ic able ible ant ement ment ent ism ate iti ous ive ize` deleted, `ion`
    /// deleted after `s` or `t`.
    static let step4 = SuffixTable<SuffixRule>(
        [
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti",
            "ous", "ive", "ize",
        ].map { ($0, SuffixRule.delete) } + [("ion", .deleteAfterSOrT)]
    )
}

// MARK: - The word being stemmed

/// A word being stemmed: its letters (a `y` used as a consonant held as `consonantY`) and the starts of
/// R1 and R2 (a suffix starting at or after `r1` is in R1).
private struct StemmedWord {
    private var letters: [UInt32]
    private var r1 = 0
    private var r2 = 0

    init(_ word: String) {
        letters = []
        letters.reserveCapacity(word.utf8.count + 1)
        for byte in word.utf8 {
            if byte >= 0x80 { letters = word.unicodeScalars.map(\.value); return }
            letters.append(UInt32(byte))
        }
    }

    /// The number of letters (Unicode scalars).
    var length: Int { letters.count }

    mutating func stem() {
        prelude()
        markRegions()
        step1a()
        if Rules.stopsAfterStep1a.contains(where: { $0.count == letters.count && $0.elementsEqual(letters) }) {
            return
        }
        step1b()
        step1c()
        applyRule(Rules.step2, regionStart: r1)
        applyRule(Rules.step3, regionStart: r1)
        applyRule(Rules.step4, regionStart: r2)
        step5()
    }

    /// The stem, each `consonantY` written as `y`.
    var string: String {
        if letters.allSatisfy({ $0 < 0x80 || $0 == consonantY }) {
            return String(unsafeUninitializedCapacity: letters.count) { buffer in
                for (index, letter) in letters.enumerated() {
                    buffer[index] = letter == consonantY ? UInt8(ascii: "y") : UInt8(truncatingIfNeeded: letter)
                }
                return letters.count
            }
        }
        var view = String.UnicodeScalarView()
        for letter in letters {
            if let scalar = Unicode.Scalar(letter == consonantY ? ascii("y") : letter) { view.append(scalar) }
        }
        return String(view)
    }

    // MARK: Helpers

    private var count: Int { letters.count }

    /// Whether `letters[..<end]` holds a vowel.
    private func hasVowel(before end: Int) -> Bool {
        letters[..<end].contains(where: isVowel)
    }

    private func endsWith(_ suffix: [UInt32]) -> Bool {
        suffix.count <= count && letters[(count - suffix.count)...].elementsEqual(suffix)
    }

    private mutating func replaceSuffix(length: Int, with replacement: [UInt32]) {
        letters.removeLast(length)
        letters.append(contentsOf: replacement)
    }

    /// Whether `letters[..<end]` ends in a short syllable: a non-vowel, a vowel, and a non-vowel other than
    /// `w`, `x`, `Y`; or is a vowel and a non-vowel; or ends in `past` (`pasted`, `pasting` → `paste`).
    private func endsInShortSyllable(before end: Int) -> Bool {
        if end >= 3 {
            let last = letters[end - 1]
            if !isVowel(letters[end - 3]) && isVowel(letters[end - 2]) && !isVowel(last)
                && last != ascii("w") && last != ascii("x") && last != consonantY
            {
                return true
            }
        }
        if end == 2 && isVowel(letters[0]) && !isVowel(letters[1]) { return true }
        return end >= 4 && letters[end - 4] == ascii("p") && letters[end - 3] == ascii("a")
            && letters[end - 2] == ascii("s") && letters[end - 1] == ascii("t")
    }

    // MARK: Prelude and regions

    /// Drops a leading apostrophe; marks an initial `y`, and each `y` after a vowel, as `consonantY`.
    private mutating func prelude() {
        if letters.first == ascii("'") { letters.removeFirst() }
        if letters.first == ascii("y") { letters[0] = consonantY }
        var index = 1
        while index < count {
            if letters[index] == ascii("y") && isVowel(letters[index - 1]) { letters[index] = consonantY }
            index += 1
        }
    }

    /// R1 starts after one of the region prefixes, or else after the first non-vowel following a vowel;
    /// R2 after the first non-vowel following a vowel inside R1. Either is empty when there is none.
    private mutating func markRegions() {
        if let prefix = Rules.regionPrefixes.first(where: { $0.count <= count && letters.starts(with: $0) }) {
            r1 = prefix.count
        } else {
            r1 = regionStart(from: 0)
        }
        r2 = regionStart(from: r1)
    }

    /// The index after the first non-vowel following a vowel, searching from `start`, or `count`.
    private func regionStart(from start: Int) -> Int {
        var index = start
        while index < count && !isVowel(letters[index]) { index += 1 }
        while index < count && isVowel(letters[index]) { index += 1 }
        return index < count ? index + 1 : count
    }

    // MARK: Steps

    /// Deletes the longest of `'s'`, `'s`, `'`; then, by the longest suffix: `sses` → `ss`; `ied`, `ies`
    /// → `i` after more than one letter (`cries` → `cri`), else `ie` (`ties` → `tie`); `us`, `ss` kept;
    /// `s` deleted if a vowel comes before the letter preceding it (`gas` and `this` stay, `gaps` → `gap`).
    private mutating func step1a() {
        if let match = Rules.possessives.longestMatch(in: letters) { letters.removeLast(match.length) }
        guard let match = Rules.step1a.longestMatch(in: letters) else { return }
        switch match.rule {
        case .toSS: letters.removeLast(2)
        case .toIOrIE: replaceSuffix(length: 3, with: count > 4 ? [ascii("i")] : [ascii("i"), ascii("e")])
        case .keep: break
        case .deleteS: if count >= 3 && hasVowel(before: count - 2) { letters.removeLast() }
        }
    }

    /// By the longest suffix: `eed`, `eedly` → `ee` if in R1. `ed`, `edly`, `ing`, `ingly` deleted if a
    /// vowel comes before, and then: `e` added after `at`, `bl`, `iz`; or a final `bb dd ff gg mm nn pp rr
    /// tt` undone, unless the word is just `a`, `e` or `o` and the double (`added` → `add`); or `e` added if
    /// the word is short, that is R1 is empty and it ends in a short syllable (`hoped` → `hope`). A word
    /// that is a non-vowel, `y` and `ing` ends in `ie` instead (`dying` → `die`, `vying` → `vie`).
    private mutating func step1b() {
        guard let match = Rules.step1b.longestMatch(in: letters) else { return }
        let start = count - match.length
        if case .eed = match.rule {
            if start >= r1 { replaceSuffix(length: match.length, with: [ascii("e"), ascii("e")]) }
            return
        }
        guard hasVowel(before: start) else { return }
        if case .ing = match.rule, start == 2, letters[1] == ascii("y"), !isVowel(letters[0]) {
            replaceSuffix(length: 4, with: [ascii("i"), ascii("e")])
            return
        }
        letters.removeLast(match.length)

        let n = count
        if Rules.endingsTakingE.contains(where: endsWith) {
            letters.append(ascii("e"))
        } else if n >= 2 && letters[n - 1] == letters[n - 2] && Rules.undoubledLetters.contains(letters[n - 1]) {
            let first = letters[0]
            if !(n == 3 && (first == ascii("a") || first == ascii("e") || first == ascii("o"))) {
                letters.removeLast()
            }
        } else if r1 == n && endsInShortSyllable(before: n) {
            letters.append(ascii("e"))
        }
    }

    /// A final `y` or `Y` becomes `i` after a non-vowel that is not the first letter (`cry` → `cri`;
    /// `by`, `say` stay).
    private mutating func step1c() {
        let n = count
        guard n >= 3, letters[n - 1] == ascii("y") || letters[n - 1] == consonantY,
            !isVowel(letters[n - 2])
        else { return }
        letters[n - 1] = ascii("i")
    }

    /// Steps 2 to 4: finds the longest suffix of `table`; if it starts in the region, applies its rule.
    private mutating func applyRule(_ table: SuffixTable<SuffixRule>, regionStart: Int) {
        guard let match = table.longestMatch(in: letters) else { return }
        let start = count - match.length
        guard start >= regionStart else { return }
        let before = start > 0 ? letters[start - 1] : 0
        switch match.rule {
        case .replace(let replacement):
            replaceSuffix(length: match.length, with: replacement)
        case .delete:
            letters.removeLast(match.length)
        case .toOGAfterL:
            if before == ascii("l") { letters.removeLast(match.length - 2) }
        case .deleteAfterValidLI:
            if Rules.validLIEndings.contains(before) { letters.removeLast(2) }
        case .deleteInR2:
            if start >= r2 { letters.removeLast(match.length) }
        case .deleteAfterSOrT:
            if before == ascii("s") || before == ascii("t") { letters.removeLast(3) }
        }
    }

    /// Step 5: a final `e` deleted if in R2, or in R1 and not after a short syllable; a final `l` deleted
    /// if in R2 and after another `l`.
    private mutating func step5() {
        let last = count - 1
        guard last >= 1 else { return }
        if letters[last] == ascii("e") {
            if last >= r2 || (last >= r1 && !endsInShortSyllable(before: last)) { letters.removeLast() }
        } else if letters[last] == ascii("l") {
            if last >= r2 && letters[last - 1] == ascii("l") { letters.removeLast() }
        }
    }
}
