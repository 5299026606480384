import Testing
@testable import BaogaoKit

struct WordNumberFormatTests {
    @Test(arguments: [
        (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"), (35, "chineseCountingThousand", "三十五"), (105, "chineseCounting", "一百零五"),
        (110, "chineseCounting", "一百一十"), (1010, "chineseCounting", "一千零一十"),
        (12, "chineseLegalSimplified", "拾贰"), (3, "ideographTraditional", "丙"), (11, "ideographTraditional", "甲"),
        (1, "ideographZodiac", "子"), (4, "decimal", "4"), (7, "decimalZero", "07"), (3, "decimalEnclosedCircle", "③"),
        (25, "decimalEnclosedCircle", "25"), (2, "decimalEnclosedParen", "⑵"), (12, "decimalFullWidth", "１２"),
        (28, "lowerLetter", "bb"), (3, "upperLetter", "C"), (14, "lowerRoman", "xiv"), (1994, "upperRoman", "MCMXCIV"),
        (1, "bullet", ""), (1, "none", ""), (5, "somethingNew", "5"), (0, "chineseCounting", "0"),
        (2_000_000, "lowerLetter", "2000000"),
    ])
    func formats(_ n: Int, _ format: String, _ expected: String) {
        #expect(WordNumberFormat.format(n, as: format) == expected)
    }
}
