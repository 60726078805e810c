namespace SciCurate.Parsers.Pdf;

/// <summary>
/// Groups words into lines by a sweep down the page along baselines; small words (scripts, footnote marks) and drop caps
/// join the line they belong to, and a line is split where a gap is wider than
/// <see cref="PdfPigPageParserOptions.LineSplitGapEm"/> (column gutters, table cells).
/// </summary>
internal sealed partial class BaselineLineBuilder(PdfPigPageParserOptions options)
{
    private readonly PdfPigPageParserOptions _options = options;

    /// <summary>Words grouped into lines by baseline, then split at wide gaps into column and cell parts.</summary>
    public List<TextLine> Build(List<TextWord> words)
    {
        // Sweep down the page by baseline: a word joins the open line whose baseline is nearest, within a third of
        // its size. Sub- and superscripts (smaller words off the baseline) are attached afterwards.
        words.Sort((a, b) => b.Baseline.CompareTo(a.Baseline));
        var open = new List<TextLine>();
        var done = new List<TextLine>();
        var small = new List<TextWord>();
        var median = MedianSize(words);
        var dropCaps = new List<TextWord>();
        foreach (var w in words)
        {
            if (w.Size >= 2.2 * median && w.Text.Length == 1 && char.IsLetter(w.Text[0]))
            {
                dropCaps.Add(w);
                continue;
            }

            if (w.Size < 0.8 * median)
            {
                small.Add(w);
                continue;
            }

            for (var i = open.Count - 1; i >= 0; i--)
            {
                if (open[i].Baseline - w.Baseline > 2 * w.Size)
                {
                    done.Add(open[i]);
                    open.RemoveAt(i);
                }
            }

            TextLine? best = null;
            var bestDistance = double.MaxValue;
            foreach (var line in open)
            {
                var distance = Math.Abs(line.Baseline - w.Baseline);
                if (distance <= 0.33 * Math.Max(w.Size, line.Size) && distance < bestDistance)
                {
                    best = line;
                    bestDistance = distance;
                }
            }

            if (best is null)
            {
                best = new TextLine { Baseline = w.Baseline, Size = w.Size };
                open.Add(best);
            }

            best.Add(w);
        }

        done.AddRange(open);
        AttachSmallWords(done, small);
        AttachDropCaps(done, dropCaps, median);
        // Split each line at wide gaps: column gutters and table cells.
        var result = new List<TextLine>(done.Count);
        foreach (var line in done)
        {
            line.Words.Sort((a, b) => a.Left.CompareTo(b.Left));
            var part = new TextLine();
            TextWord? prev = null;
            foreach (var w in line.Words)
            {
                if (prev is not null && SplitsLine(prev, w, part.Words.Count == 1) && !IsCaptionLabel(part, w))
                {
                    part.Finish();
                    result.Add(part);
                    part = new TextLine();
                }

                part.Add(w);
                prev = w;
            }

            part.Finish();
            result.Add(part);
        }

        return result;
    }

    /// <summary>
    /// A caption's label ("Table 1.", "Fig. 3:") keeps the caption text after it, however wide the space that the
    /// class file sets between them (a bold label a quad away from its text is common).
    /// </summary>
    private static bool IsCaptionLabel(TextLine part, TextWord next)
    {
        if (part.Words.Count is 0 or > 2 || next.Left - part.Right > 4 * next.Size)
        {
            return false;
        }

        var label = part.Words.Count == 1 ? part.Words[0].Text : part.Words[0].Text + " " + part.Words[1].Text;
        return CaptionLabel().IsMatch(label);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:Fig(?:ure)?\.?|Table|Tab\.|Scheme|Algorithm|Listing)\s*(?:[0-9]+|[IVX]+)(?:\.[0-9]+)?[.:]$")]
    private static partial System.Text.RegularExpressions.Regex CaptionLabel();

    /// <summary>A wide gap splits a line; so does a smaller one where the font size changes (an abstract beside a column).</summary>
    private bool SplitsLine(TextWord prev, TextWord next, bool prevIsFirst)
    {
        var gap = next.Left - prev.Right;
        // A section number keeps its title however wide the space after it ("5.1   Hyper Parameter Optimization").
        if (prevIsFirst && gap < 4 * prev.Size && (prev.Bold || next.Bold) && BlockBuilder.IsSectionNumber(prev.Text) && next.Text.Length > 0 && char.IsUpper(next.Text[0]))
        {
            return false;
        }

        var large = Math.Max(prev.Size, next.Size);
        var small = Math.Min(prev.Size, next.Size);
        return gap > _options.LineSplitGapEm * large
            || (large > 1.2 * small && small >= 0.64 * large && gap > 0.6 * large);
    }

    /// <summary>
    /// A drop cap (one big initial letter spanning several lines) becomes the first letter of the line beside its
    /// top; left alone it would be a line of its own and split its word ("O" + "ver the past").
    /// </summary>
    private static void AttachDropCaps(List<TextLine> lines, List<TextWord> caps, double median)
    {
        foreach (var cap in caps)
        {
            TextLine? best = null;
            foreach (var line in lines)
            {
                var first = line.Words.MinBy(w => w.Left);
                if (first is null || first.Left < cap.Right - 0.5 || first.Left - cap.Right > 1.5 * median
                    || line.Top > cap.Top + 1.0 * median || line.Top < cap.Top - 1.5 * median)
                {
                    continue;
                }

                if (best is null || line.Top > best.Top)
                {
                    best = line;
                }
            }

            if (best is null)
            {
                // Not a drop cap after all: keep it as a line of its own.
                var alone = new TextLine { Baseline = cap.Baseline, Size = cap.Size };
                alone.Add(cap);
                lines.Add(alone);
                continue;
            }

            var head = best.Words.MinBy(w => w.Left)!;
            head.Text = cap.Text + head.Text;
            head.Left = cap.Left;
            best.Left = Math.Min(best.Left, cap.Left);
        }
    }

    private static double MedianSize(List<TextWord> words)
    {
        if (words.Count == 0)
        {
            return 10;
        }

        var sizes = new double[words.Count];
        for (var i = 0; i < sizes.Length; i++)
        {
            sizes[i] = words[i].Size;
        }

        Array.Sort(sizes);
        return sizes[sizes.Length / 2];
    }

    /// <summary>
    /// Small words join the line whose body they touch and whose words they sit next to (scripts, footnote marks);
    /// the rest (footnotes, captions in small type) form lines of their own.
    /// </summary>
    private static void AttachSmallWords(List<TextLine> lines, List<TextWord> small)
    {
        var orphans = new List<TextLine>();
        foreach (var w in small)
        {
            TextLine? best = null;
            var bestDistance = double.MaxValue;
            foreach (var line in lines)
            {
                var overlap = Math.Min(line.Top, w.Top) - Math.Max(line.Bottom, w.Bottom);
                if (overlap <= 0.3 * (w.Top - w.Bottom))
                {
                    continue;
                }

                var dx = w.Left > line.Right ? w.Left - line.Right : line.Left > w.Right ? line.Left - w.Right : 0;
                if (dx > 0.6 * line.Size)
                {
                    continue;
                }

                // Prefer the line whose baseline is closest.
                var distance = Math.Abs(line.Baseline - w.Baseline);
                if (distance < bestDistance)
                {
                    best = line;
                    bestDistance = distance;
                }
            }

            if (best is not null && bestDistance < 0.8 * best.Size)
            {
                best.Add(w);
                continue;
            }

            var own = orphans.Find(l => Math.Abs(l.Baseline - w.Baseline) <= 0.33 * Math.Max(w.Size, l.Size));
            if (own is null)
            {
                own = new TextLine { Baseline = w.Baseline, Size = w.Size };
                orphans.Add(own);
            }

            own.Add(w);
        }

        lines.AddRange(orphans);
    }
}
