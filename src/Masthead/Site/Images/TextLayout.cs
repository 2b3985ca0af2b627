using System.Globalization;
using System.Text;
using HarfBuzzSharp;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Masthead.Site.Images;

/// <summary>Lines of text for the generated images: measured, wrapped and drawn through HarfBuzz, so Arabic letters
/// join and Hebrew and Persian read right to left. A line is cut into runs of one direction (a small part of the
/// Unicode bidirectional algorithm: numbers and Latin words inside an Arabic headline stay left to right, and the
/// other way round); each run is shaped on its own and the runs are laid out in the paragraph's order.
/// Not thread-safe: make one per drawing.</summary>
internal sealed class TextLayout(bool rightToLeft) : IDisposable
{
    private const string Ellipsis = "…";
    private readonly SKShaper _shaper = new(SiteFont.Typeface);

    public bool RightToLeft => rightToLeft;

    public float Width(string text, SKFont font) => Runs(text).Sum(r => Shape(r, font).Width);

    /// <summary>Draws one line with its start edge at <paramref name="x"/> (the left edge, or the right edge of a
    /// right-to-left line) and its baseline at <paramref name="baseline"/>.</summary>
    public void Draw(SKCanvas canvas, string text, float x, float baseline, SKFont font, SKPaint paint)
    {
        var shaped = Runs(text).Select(r => Shape(r, font)).ToList();
        var cursor = rightToLeft ? x - shaped.Sum(s => s.Width) : x;
        // Runs come in reading order; on the page a right-to-left line shows its first run rightmost.
        if (rightToLeft) shaped.Reverse();
        foreach (var run in shaped)
        {
            if (run.Codepoints.Length > 0)
            {
                using var builder = new SKTextBlobBuilder();
                var glyphs = run.Codepoints.Select(c => (ushort)c).ToArray();
                var points = run.Points.Select(p => new SKPoint(p.X + cursor, p.Y + baseline)).ToArray();
                builder.AddPositionedRun(glyphs, font, points);
                using var blob = builder.Build();
                if (blob is not null) canvas.DrawText(blob, 0, 0, paint);
            }
            cursor += run.Width;
        }
    }

    /// <summary>Greedy word wrap into lines no wider than <paramref name="width"/>; a word wider than a line on its
    /// own is broken between characters. At most <paramref name="maxLines"/>: the last one kept ends in an
    /// ellipsis when text was left over.</summary>
    public IReadOnlyList<string> Wrap(string text, SKFont font, float width, int maxLines, out bool truncated)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (Width(candidate, font) <= width)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0) lines.Add(line);
            line = word;
            // Bounded: each pass moves at least one text element of the word into a line.
            while (Width(line, font) > width)
            {
                var (head, rest) = SplitToFit(line, font, width);
                lines.Add(head);
                line = rest;
            }
        }
        if (line.Length > 0) lines.Add(line);
        truncated = lines.Count > maxLines;
        if (!truncated) return lines;
        var kept = lines.Take(maxLines).ToList();
        kept[^1] = Ellipsise(kept[^1] + " " + lines[maxLines], font, width);
        return kept;
    }

    /// <summary>The text if it fits, else as much of it as fits followed by an ellipsis.</summary>
    public string Ellipsise(string text, SKFont font, float width)
    {
        if (Width(text, font) <= width) return text;
        var elements = TextElements(text);
        for (var n = elements.Count - 1; n > 0; n--)
        {
            var shorter = string.Concat(elements.Take(n)).TrimEnd() + Ellipsis;
            if (Width(shorter, font) <= width) return shorter;
        }
        return Ellipsis;
    }

    private (string Head, string Tail) SplitToFit(string word, SKFont font, float width)
    {
        var elements = TextElements(word);
        var n = 1;
        while (n < elements.Count && Width(string.Concat(elements.Take(n + 1)), font) <= width) n++;
        return (string.Concat(elements.Take(n)), string.Concat(elements.Skip(n)));
    }

    private static List<string> TextElements(string text)
    {
        var list = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext()) list.Add(e.GetTextElement());
        return list;
    }

    private SKShaper.Result Shape(Run run, SKFont font)
    {
        using var buffer = new HarfBuzzSharp.Buffer();
        buffer.AddUtf16(run.Text);
        buffer.Direction = run.RightToLeft ? Direction.RightToLeft : Direction.LeftToRight;
        buffer.GuessSegmentProperties();
        return _shaper.Shape(buffer, font);
    }

    private readonly record struct Run(string Text, bool RightToLeft);

    /// <summary>The text cut where its direction changes. Letters of Hebrew and Arabic script are right to left, other
    /// letters and every digit left to right (Arabic-Indic digits too: numbers read left to right in Arabic as well);
    /// spaces and punctuation take the direction of the letters on both sides, or the paragraph's between two
    /// directions.</summary>
    private List<Run> Runs(string text)
    {
        var strong = new int[text.Length];
        for (var i = 0; i < text.Length; i++) strong[i] = Strength(text[i]);
        var paragraph = rightToLeft ? -1 : 1;
        var runs = new List<Run>();
        var current = new StringBuilder();
        var currentDirection = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var direction = strong[i];
            if (direction == 0)
            {
                var before = Nearest(strong, i, -1);
                var after = Nearest(strong, i, +1);
                direction = before != 0 && before == after ? before : paragraph;
            }
            if (direction != currentDirection && current.Length > 0)
            {
                runs.Add(new Run(current.ToString(), currentDirection < 0));
                current.Clear();
            }
            currentDirection = direction;
            current.Append(text[i]);
        }
        if (current.Length > 0) runs.Add(new Run(current.ToString(), currentDirection < 0));
        return runs;
    }

    private static int Nearest(int[] strong, int from, int step)
    {
        for (var i = from + step; i >= 0 && i < strong.Length; i += step)
        {
            if (strong[i] != 0) return strong[i];
        }
        return 0;
    }

    /// <summary>-1 right to left, +1 left to right, 0 neutral.</summary>
    private static int Strength(char c) =>
        char.IsDigit(c) ? 1
        : c is >= '\u0590' and <= '\u08FF' or >= '\uFB1D' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF' ? (char.IsLetter(c) ? -1 : 0)
        : char.IsLetter(c) ? 1
        : 0;

    public void Dispose() => _shaper.Dispose();
}
