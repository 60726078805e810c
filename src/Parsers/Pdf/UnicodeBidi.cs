namespace SciCurate.Parsers.Pdf;

/// <summary>
/// The Unicode bidirectional algorithm (UAX #9) for one line without explicit embeddings: character types, weak and
/// neutral resolution, implicit levels, then the reordering of rule L2 and mirroring of rule L4. The cheap parser reads
/// a line's letters left to right by position, which is the visual order; for two-level text (right-to-left words with
/// left-to-right numbers and names inside) the same reordering applied to the visual order gives back the logical order,
/// so "ةلاعف لولح داجيإ" as drawn becomes "إيجاد حلول فعالة" as written.
/// </summary>
public static class UnicodeBidi
{
    private enum BidiType : byte { L, R, AL, EN, ES, ET, AN, CS, NSM, WS, ON }

    /// <summary>True when the text holds a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms).</summary>
    public static bool HasRightToLeft(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (IsRightToLeftLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsRightToLeftLetter(char c) => c is >= '\u0590' and <= '\u08FF' or >= '\uFB1D' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF';

    /// <summary>
    /// The logical order of a line given in visual (left-to-right) order. The paragraph direction is that of most strong
    /// letters; a line without right-to-left letters comes back unchanged.
    /// </summary>
    public static string VisualToLogical(string visual)
    {
        if (!HasRightToLeft(visual))
        {
            return visual;
        }

        var n = visual.Length;
        var types = new BidiType[n];
        int rtl = 0, ltr = 0;
        for (var i = 0; i < n; i++)
        {
            types[i] = TypeOf(visual[i]);
            if (types[i] is BidiType.R or BidiType.AL)
            {
                rtl++;
            }
            else if (types[i] == BidiType.L)
            {
                ltr++;
            }
        }

        var baseLevel = rtl >= ltr ? 1 : 0;
        var levels = ResolveLevels(types, baseLevel);
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        // L2: from the highest level down to the lowest odd one, reverse every run at that level or higher.
        var highest = 0;
        var lowestOdd = int.MaxValue;
        foreach (var level in levels)
        {
            highest = Math.Max(highest, level);
            if ((level & 1) == 1)
            {
                lowestOdd = Math.Min(lowestOdd, level);
            }
        }

        for (var level = highest; level >= lowestOdd && level > 0; level--)
        {
            var i = 0;
            while (i < n)
            {
                if (levels[order[i]] < level)
                {
                    i++;
                    continue;
                }

                var j = i;
                while (j < n && levels[order[j]] >= level)
                {
                    j++;
                }

                Array.Reverse(order, i, j - i);
                i = j;
            }
        }

        var result = new char[n];
        for (var i = 0; i < n; i++)
        {
            var c = visual[order[i]];
            result[i] = (levels[order[i]] & 1) == 1 ? Mirror(c) : c;
        }

        return new string(result).Trim();
    }

    private static byte[] ResolveLevels(BidiType[] types, int baseLevel)
    {
        var n = types.Length;
        var sos = baseLevel == 1 ? BidiType.R : BidiType.L;
        // W1: a combining mark takes the type of what it sits on.
        for (var i = 0; i < n; i++)
        {
            if (types[i] == BidiType.NSM)
            {
                types[i] = i == 0 ? sos : types[i - 1] is BidiType.WS or BidiType.ON ? BidiType.ON : types[i - 1];
            }
        }

        // W2, W3: European digits after Arabic letters are Arabic numbers; AL is R from here on.
        var lastStrong = sos;
        for (var i = 0; i < n; i++)
        {
            switch (types[i])
            {
                case BidiType.L or BidiType.R or BidiType.AL:
                    lastStrong = types[i];
                    break;
                case BidiType.EN when lastStrong == BidiType.AL:
                    types[i] = BidiType.AN;
                    break;
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (types[i] == BidiType.AL)
            {
                types[i] = BidiType.R;
            }
        }

        // W4: one separator between two numbers of the same kind joins them.
        for (var i = 1; i + 1 < n; i++)
        {
            if (types[i] == BidiType.ES && types[i - 1] == BidiType.EN && types[i + 1] == BidiType.EN)
            {
                types[i] = BidiType.EN;
            }
            else if (types[i] == BidiType.CS && types[i - 1] == types[i + 1] && types[i - 1] is BidiType.EN or BidiType.AN)
            {
                types[i] = types[i - 1];
            }
        }

        // W5: terminators (%, $, #) next to European digits are digits.
        for (var i = 0; i < n; i++)
        {
            if (types[i] != BidiType.ET)
            {
                continue;
            }

            var j = i;
            while (j < n && types[j] == BidiType.ET)
            {
                j++;
            }

            if ((i > 0 && types[i - 1] == BidiType.EN) || (j < n && types[j] == BidiType.EN))
            {
                Array.Fill(types, BidiType.EN, i, j - i);
            }

            i = j - 1;
        }

        // W6, W7: remaining separators are neutral; European digits after left-to-right letters are left-to-right.
        lastStrong = sos;
        for (var i = 0; i < n; i++)
        {
            if (types[i] is BidiType.ES or BidiType.ET or BidiType.CS)
            {
                types[i] = BidiType.ON;
            }
            else if (types[i] is BidiType.L or BidiType.R)
            {
                lastStrong = types[i];
            }
            else if (types[i] == BidiType.EN && lastStrong == BidiType.L)
            {
                types[i] = BidiType.L;
            }
        }

        // N1, N2: neutrals between two of the same direction take it (numbers count as right-to-left); others take the base.
        for (var i = 0; i < n; i++)
        {
            if (types[i] is not (BidiType.WS or BidiType.ON))
            {
                continue;
            }

            var j = i;
            while (j < n && types[j] is BidiType.WS or BidiType.ON)
            {
                j++;
            }

            var before = i == 0 ? sos : Direction(types[i - 1]);
            var after = j == n ? sos : Direction(types[j]);
            var resolved = before == after ? before : sos;
            Array.Fill(types, resolved, i, j - i);
            i = j - 1;
        }

        // I1, I2: implicit levels.
        var levels = new byte[n];
        for (var i = 0; i < n; i++)
        {
            levels[i] = (baseLevel, types[i]) switch
            {
                (0, BidiType.R) => 1,
                (0, BidiType.AN or BidiType.EN) => 2,
                (1, BidiType.L or BidiType.EN or BidiType.AN) => 2,
                _ => (byte)baseLevel,
            };
        }

        return levels;

        static BidiType Direction(BidiType t) => t is BidiType.L ? BidiType.L : BidiType.R;
    }

    private static BidiType TypeOf(char c)
    {
        if (c is >= '0' and <= '9' or >= '\u06F0' and <= '\u06F9')
        {
            return BidiType.EN;
        }

        if (c is >= '\u0660' and <= '\u0669' or '\u066B' or '\u066C')
        {
            return BidiType.AN;
        }

        if (c is >= '\u0591' and <= '\u05BD' or '\u05BF' or '\u05C1' or '\u05C2' or '\u05C4' or '\u05C5' or '\u05C7'
            or >= '\u0610' and <= '\u061A' or >= '\u064B' and <= '\u065F' or '\u0670' or >= '\u06D6' and <= '\u06DC'
            or >= '\u06DF' and <= '\u06E4' or '\u06E7' or '\u06E8' or >= '\u06EA' and <= '\u06ED')
        {
            return BidiType.NSM;
        }

        if (c is >= '\u0590' and <= '\u05FF' or >= '\u07C0' and <= '\u085F' or >= '\uFB1D' and <= '\uFB4F')
        {
            return BidiType.R;
        }

        if (c is >= '\u0600' and <= '\u07BF' or >= '\u0860' and <= '\u08FF' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFE')
        {
            return c is '\u060C' ? BidiType.CS : BidiType.AL;
        }

        if (c is '+' or '-' or '\u2212')
        {
            return BidiType.ES;
        }

        if (c is '#' or '$' or '%' or '\u00B0' or '\u00A2' or '\u00A3' or '\u00A5' or '\u20AC' or '\u066A' or '\u2030')
        {
            return BidiType.ET;
        }

        if (c is ',' or '.' or ':' or '/' or '\u00A0')
        {
            return BidiType.CS;
        }

        if (char.IsWhiteSpace(c))
        {
            return BidiType.WS;
        }

        if (char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.EnclosingMark)
        {
            return BidiType.NSM;
        }

        return char.IsLetter(c) || char.IsDigit(c) ? BidiType.L : BidiType.ON;
    }

    private static char Mirror(char c) => c switch
    {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        _ => c,
    };
}
