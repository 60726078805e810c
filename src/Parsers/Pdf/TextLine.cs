using System.Text;

namespace SciCurate.Parsers.Pdf;

/// <summary>A line of words (or a column or cell part of one) of the cheap parser, in reading space.</summary>
internal sealed class TextLine
{
    public readonly List<TextWord> Words = [];
    public double Left = double.MaxValue, Right = double.MinValue, Bottom = double.MaxValue, Top = double.MinValue;
    public double Size;
    public double Baseline;
    public bool Bold;
    public string Text = "";

    /// <summary>A whole table found by <see cref="AlignedColumnTables"/>: <see cref="Text"/> is its Markdown.</summary>
    public bool IsTable;
    public double Width => Right - Left;
    public double Height => Top - Bottom;

    public void Add(TextWord w)
    {
        Words.Add(w);
        Left = Math.Min(Left, w.Left);
        Right = Math.Max(Right, w.Right);
        Bottom = Math.Min(Bottom, w.Bottom);
        Top = Math.Max(Top, w.Top);
    }

    public void Finish()
    {
        Words.Sort((a, b) => a.Left.CompareTo(b.Left));
        var sb = new StringBuilder();
        double sizeSum = 0, chars = 0, boldChars = 0;
        foreach (var w in Words)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(w.Text);
            sizeSum += w.Size * w.Text.Length;
            chars += w.Text.Length;
            if (w.Bold)
            {
                boldChars += w.Text.Length;
            }
        }

        // Letters were read left to right by position: a line with right-to-left script is put in logical order.
        Text = UnicodeBidi.VisualToLogical(sb.ToString());
        Size = chars > 0 ? sizeSum / chars : 0;
        Bold = chars > 0 && boldChars / chars > 0.8;
    }
}
